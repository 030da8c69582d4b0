using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace HfPipelines.Remote.Http;

/// <summary>
/// Builds the Polly pipeline of one host: total timeout, then retry (server hints, model loading, backoff with
/// jitter), then the host's circuit breaker, then the per-attempt timeout.
/// </summary>
internal sealed class RemoteResilience
{
    private static readonly ResiliencePropertyKey<RetryHint> HintKey = new("hfp.retry-hint");
    private static readonly ResiliencePropertyKey<TimeSpan> LoadingWaitedKey = new("hfp.loading-waited");
    private static readonly ResiliencePropertyKey<long> StartKey = new("hfp.start");

    private readonly RemoteResilienceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RemoteResilience(RemoteResilienceOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
    }

    public static void MarkStart(ResilienceContext context, TimeProvider time) => context.Properties.Set(StartKey, time.GetTimestamp());

    public ResiliencePipeline<HttpResponseMessage> Create(string host)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time, Name = host };
        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = _options.TotalTimeout, Name = "total" });
        if (_options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(RetryOptions(host));
        }

        if (_options.UseCircuitBreaker)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = _options.CircuitFailureRatio,
                MinimumThroughput = _options.CircuitMinimumThroughput,
                SamplingDuration = _options.SamplingDuration,
                BreakDuration = _options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsHostFailure(args.Outcome)),
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = _options.AttemptTimeout, Name = "attempt" });
        return builder.Build();
    }

    // 503 is left out on purpose: the router answers it while a model loads or capacity is short, which the
    // retry waits out; it says nothing about the host being broken.
    private static bool IsHostFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || (outcome.Result is { } response && (int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.ServiceUnavailable);

    private RetryStrategyOptions<HttpResponseMessage> RetryOptions(string host) => new()
    {
        MaxRetryAttempts = _options.MaxRetryAttempts,
        ShouldHandle = args => ShouldRetryAsync(args.Outcome, args.Context),
        DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(NextDelay(host, args.AttemptNumber, args.Outcome, args.Context)),
    };

    private async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var hint = await RetryHints.ClassifyAsync(outcome.Result, outcome.Exception, _time, context.CancellationToken).ConfigureAwait(false);
        if (hint is null)
        {
            return false;
        }

        if (hint.IsModelLoading && context.Properties.GetValue(LoadingWaitedKey, TimeSpan.Zero) >= _options.MaxModelLoadingWait)
        {
            return false;
        }

        // A server wait longer than what is left of the total budget cannot succeed: surface the answer now.
        if (hint.ServerDelay is { } wait && !hint.IsModelLoading && wait > Remaining(context))
        {
            return false;
        }

        context.Properties.Set(HintKey, hint);
        return true;
    }

    private TimeSpan NextDelay(string host, int attempt, Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var hint = context.Properties.GetValue(HintKey, new RetryHint("backoff", null, false));
        TimeSpan delay;
        if (hint.IsModelLoading)
        {
            var waited = context.Properties.GetValue(LoadingWaitedKey, TimeSpan.Zero);
            delay = Min(hint.ServerDelay ?? _options.BaseDelay, _options.MaxModelLoadingWait - waited);
            context.Properties.Set(LoadingWaitedKey, waited + delay);
        }
        else
        {
            delay = Min(hint.ServerDelay ?? Backoff(attempt), _options.MaxDelay);
        }

        delay = Min(delay, Remaining(context));
        var status = outcome.Result?.StatusCode;
        RemoteLog.Retrying(_logger, host, attempt, status is null ? "none" : ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), hint.Reason, delay.TotalMilliseconds);
        _options.OnRetry?.Invoke(new RemoteRetryEvent(host, attempt, status, hint.Reason, delay));
        return _options.WaitBetweenRetries ? delay : TimeSpan.Zero;
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var capped = Math.Min(exponential, _options.MaxDelay.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        var factor = _options.UseJitter ? 0.5 + (Random.Shared.NextDouble() * 0.5) : 1.0;
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(capped * factor);
    }

    private TimeSpan Remaining(ResilienceContext context)
    {
        var start = context.Properties.GetValue(StartKey, _time.GetTimestamp());
        var left = _options.TotalTimeout - _time.GetElapsedTime(start);
        return left < TimeSpan.Zero ? TimeSpan.Zero : left;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b)
    {
        var min = a < b ? a : b;
        return min < TimeSpan.Zero ? TimeSpan.Zero : min;
    }
}
