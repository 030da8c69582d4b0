using Microsoft.Extensions.Logging;

namespace HfPipelines.Fallback;

/// <summary>Which failures hand over to the other backend, and the order of the backends.</summary>
internal static partial class FallbackRules
{
    /// <summary>
    /// Everything falls back except bad input (the other backend would refuse it too), argument errors and disposal
    /// (bugs in the caller), and the caller's own cancellation.
    /// </summary>
    public static bool ShouldFallBack(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        InvalidPipelineInputException or ArgumentException or ObjectDisposedException => false,
        _ => true,
    };

    public static IReadOnlyList<bool> Order(FallbackPolicy policy) => policy switch
    {
        FallbackPolicy.LocalOnly => [true],
        FallbackPolicy.RemoteOnly => [false],
        FallbackPolicy.LocalThenRemote => [true, false],
        FallbackPolicy.RemoteThenLocal => [false, true],
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown fallback policy."),
    };

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "{Task}: the {From} backend failed ({ErrorType}: {Error}); falling back to {To}.")]
    public static partial void FallingBack(ILogger logger, string task, string from, string to, string errorType, string error);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "{Task}: the local model could not be loaded ({ErrorType}: {Error}); it is not retried in this pipeline.")]
    public static partial void LocalLoadFailed(ILogger logger, string task, string errorType, string error);
}
