using Polly;
using Polly.Retry;

namespace HfPipelines.Hub;

/// <summary>
/// The retry pipeline for Hub requests: transient failures (<see cref="HubRequestException.IsTransient"/>)
/// are retried with exponential backoff from <see cref="HubOptions.RetryBaseDelay"/>; a 429's
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
            ShouldHandle = new PredicateBuilder().Handle<HubRequestException>(ex => ex.IsTransient),
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Exception is HubRequestException { RetryAfter: { } retryAfter } ? (TimeSpan?)retryAfter : null),
        }).Build();
    }
}
