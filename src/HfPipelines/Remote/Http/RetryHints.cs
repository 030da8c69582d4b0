using System.Globalization;
using System.Net;
using System.Text.Json;
using Polly.Timeout;

namespace HfPipelines.Remote.Http;

/// <summary>Reads what a failed attempt says about retrying: status, <c>Retry-After</c>, <c>RateLimit</c>
/// headers and the 503 "model is loading" body.</summary>
internal static class RetryHints
{
    private static readonly HashSet<HttpStatusCode> Transient =
    [
        HttpStatusCode.RequestTimeout, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError,
        HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    /// <summary>Returns the hint, or null when the outcome must not be retried.</summary>
    public static async ValueTask<RetryHint?> ClassifyAsync(HttpResponseMessage? response, Exception? exception, TimeProvider time, CancellationToken cancellationToken)
    {
        if (exception is not null)
        {
            return exception is HttpRequestException or TimeoutRejectedException ? new RetryHint("backoff", null, false) : null;
        }

        if (response is null || !Transient.Contains(response.StatusCode))
        {
            return null;
        }

        var serverDelay = RetryAfter(response, time);
        if (serverDelay is not null)
        {
            return new RetryHint("Retry-After", serverDelay, false);
        }

        serverDelay = RateLimitReset(response);
        if (serverDelay is not null)
        {
            return new RetryHint("RateLimit", serverDelay, false);
        }

        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            var estimated = await EstimatedLoadingTimeAsync(response, cancellationToken).ConfigureAwait(false);
            if (estimated is not null)
            {
                return new RetryHint("model loading", estimated, true);
            }
        }

        return new RetryHint("backoff", null, false);
    }

    /// <summary><c>Retry-After</c> as seconds or an HTTP date.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary><c>RateLimit-Reset: N</c>, or <c>RateLimit: ... reset=N</c> / <c>"api";r=0;t=N</c>.</summary>
    public static TimeSpan? RateLimitReset(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("RateLimit-Reset", out var resets)
            && double.TryParse(resets.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (!response.Headers.TryGetValues("RateLimit", out var values))
        {
            return null;
        }

        foreach (var part in string.Join(';', values).Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length == 2 && pair[0] is "reset" or "t"
                && double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        return null;
    }

    /// <summary><c>{"error": "... is currently loading", "estimated_time": 20.0}</c>.</summary>
    public static async ValueTask<TimeSpan?> EstimatedLoadingTimeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("estimated_time", out var estimated)
                && estimated.TryGetDouble(out var seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }
        catch (JsonException)
        {
            // Not the loading body: a plain 503, retried with backoff.
        }

        return null;
    }
}
