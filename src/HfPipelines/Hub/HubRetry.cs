using Polly;
using Polly.Retry;

namespace HfPipelines.Hub;

/// <summary>
/// The retry pipeline for Hub requests: transient failures (<see cref="HubRequestException.IsTransient"/>)
/// are retried with exponential backoff from <see cref="HubOptions.RetryBaseDelay"/>, except an unreachable host
/// (<see cref="HubRequestException.IsUnreachable"/>), which fails at once; each retry is told to
/// <see cref="HubOptions.WaitNotice"/>; a 429's
/// <c>Retry-After</c> sets the delay. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
internal static class HubRetry
{
    public static ResiliencePipeline Create(HubOptions options, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.MaxRetries == 0)
        {
            return builder.Build();
        }

        return builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = false,
            Delay = options.RetryBaseDelay,
            MaxDelay = TimeSpan.FromMinutes(5),
            ShouldHandle = new PredicateBuilder().Handle<HubRequestException>(ex => ex.IsTransient && !ex.IsUnreachable),
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Exception is HubRequestException { RetryAfter: { } retryAfter } ? (TimeSpan?)retryAfter : null),
            OnRetry = args =>
            {
                options.WaitNotice?.Invoke(
                    $"retry {args.AttemptNumber + 1} of {options.MaxRetries} in {args.RetryDelay.TotalSeconds:0.#} s: {args.Outcome.Exception?.Message.TrimEnd('.') ?? "failed"}.");
                return default;
            },
        }).Build();
    }
}
