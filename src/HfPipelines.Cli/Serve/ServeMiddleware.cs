using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace HfPipelines.Cli.Serve;

/// <summary>
/// Runs around every request: counts it (metrics, in flight), logs it without body or headers, refuses bodies over
/// the limit (413) and calls without the API key (401, the key compared in constant time). The page, its assets and
/// <c>/health</c> need no key.
/// </summary>
internal sealed partial class ServeMiddleware(ServeOptions options, ServeMetrics metrics, ILogger logger)
{
    private static readonly HashSet<string> OpenPaths = new(["/", "/index.html", "/app.js", "/app.css", "/health", "/favicon.ico"], StringComparer.Ordinal);
    private readonly byte[]? _keyHash = options.ApiKey is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.ApiKey));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        metrics.Start();
        try
        {
            if (Refusal(context) is { } refusal)
            {
                await ServeResults.ErrorAsync(context, refusal.Status, refusal.Message, null, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            await ServeResults.ErrorAsync(context, ex.StatusCode, BodyError(ex), null, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody is left to answer (counted as 499 below).
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            // A bug, not bad input: answer 500 with a body (Kestrel would send an empty one after this middleware had
            // already counted and logged the default 200).
            LogFailure(logger, context.Request.Method, context.Request.Path.Value ?? "/", ex);
            await ServeResults.ErrorAsync(context, 500, $"The server failed on this request ({ex.GetType().Name}); the server log has the details.", null, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The status line is sent: the connection is cut, and the status counted is the one sent.
            LogFailure(logger, context.Request.Method, context.Request.Path.Value ?? "/", ex);
            context.Abort();
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 499 : context.Response.StatusCode;
            metrics.Stop(route, context.Request.Method, status, elapsed.TotalSeconds);
            LogRequest(logger, context.Request.Method, context.Request.Path.Value ?? "/", route, status, Math.Round(elapsed.TotalMilliseconds, 2));
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Path} {Status} {ElapsedMs} ms route={Route}")]
    private static partial void LogRequest(ILogger logger, string method, string path, string route, int status, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogFailure(ILogger logger, string method, string path, Exception exception);

    private (int Status, string Message)? Refusal(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (_keyHash is not null && !OpenPaths.Contains(path) && !Authorized(context.Request))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return (401, "Missing or wrong API key: send the header 'Authorization: Bearer <key>' with the key given to hfp serve (--api-key or HFP_API_KEY).");
        }

        return context.Request.ContentLength > options.MaxRequestBytes
            ? (413, $"The request body is {context.Request.ContentLength} bytes; this server accepts at most {options.MaxRequestBytes} bytes.")
            : null;
    }

    private bool Authorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(given, _keyHash);
    }

    private string BodyError(BadHttpRequestException ex) => ex.StatusCode == StatusCodes.Status413PayloadTooLarge
        ? $"The request body is larger than {options.MaxRequestBytes} bytes, the most this server accepts."
        : ex.Message;
}
