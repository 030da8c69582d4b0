using Microsoft.Extensions.Logging;

namespace HfPipelines.Remote.Http;

/// <summary>Log messages of remote calls. None carries the token or user text.</summary>
internal static partial class RemoteLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Retrying the call to {Host} after attempt {Attempt} (status {Status}, {Reason}); waiting {DelayMs} ms.")]
    public static partial void Retrying(ILogger logger, string host, int attempt, string status, string reason, double delayMs);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "POST {Host}{Path} (token sent: {TokenSent}).")]
    public static partial void Sending(ILogger logger, string host, string path, bool tokenSent);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Remote call to {Host} failed: {Error}.")]
    public static partial void Failed(ILogger logger, string host, string error);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "Following a {Status} redirect from {FromHost} to {ToHost} (token sent on: {TokenSent}).")]
    public static partial void Redirect(ILogger logger, int status, string fromHost, string toHost, bool tokenSent);
}
