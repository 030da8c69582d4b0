using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace HfPipelines.Cli.Serve;

/// <summary>
/// Request counters for <c>GET /metrics</c> in the Prometheus text format: requests by route, method and status,
/// a latency histogram by route, and the requests in flight. Thread-safe (one instance per server).
/// </summary>
internal sealed class ServeMetrics
{
    /// <summary>The latency histogram's upper bounds, in seconds.</summary>
    public static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly ConcurrentDictionary<(string Route, string Method, int Status), long[]> _counts = new();
    private readonly ConcurrentDictionary<string, Histogram> _latency = new();
    private long _inFlight;
    private TaskCompletionSource? _idle;

    /// <summary>Requests being handled now.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Marks a request started.</summary>
    public void Start() => Interlocked.Increment(ref _inFlight);

    /// <summary>Marks a request done and records it.</summary>
    /// <param name="route">The route pattern (bounded set), never the raw path.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="status">The status code answered.</param>
    /// <param name="seconds">How long it took.</param>
    public void Stop(string route, string method, int status, double seconds)
    {
        if (Interlocked.Decrement(ref _inFlight) == 0)
        {
            Interlocked.Exchange(ref _idle, null)?.TrySetResult();
        }

        Interlocked.Increment(ref _counts.GetOrAdd((route, method, status), _ => new long[1])[0]);
        _latency.GetOrAdd(route, _ => new Histogram()).Observe(seconds);
    }

    /// <summary>Completes when no request is in flight (at once when none is).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that ends when the server is idle.</returns>
    public async Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        while (InFlight > 0)
        {
            var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var idle = Interlocked.CompareExchange(ref _idle, created, null) ?? created;
            if (InFlight == 0)
            {
                return; // the last request ended before it could see this waiter
            }

            await idle.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes every metric in the Prometheus text exposition format (version 0.0.4).</summary>
    /// <returns>The text.</returns>
    public string Render()
    {
        var text = new StringBuilder();
        text.Append("# HELP hfp_requests_total HTTP requests handled, by route, method and status.\n# TYPE hfp_requests_total counter\n");
        foreach (var ((route, method, status), count) in _counts.OrderBy(c => c.Key.Route, StringComparer.Ordinal).ThenBy(c => c.Key.Status))
        {
            text.Append(CultureInfo.InvariantCulture, $"hfp_requests_total{{route=\"{Escape(route)}\",method=\"{method}\",status=\"{status}\"}} {Interlocked.Read(ref count[0])}\n");
        }

        text.Append("# HELP hfp_request_duration_seconds HTTP request latency, by route.\n# TYPE hfp_request_duration_seconds histogram\n");
        foreach (var (route, histogram) in _latency.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            histogram.Render(text, Escape(route));
        }

        text.Append("# HELP hfp_requests_in_flight HTTP requests being handled now.\n# TYPE hfp_requests_in_flight gauge\n");
        text.Append(CultureInfo.InvariantCulture, $"hfp_requests_in_flight {InFlight}\n");
        return text.ToString();
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private sealed class Histogram
    {
        private readonly long[] _buckets = new long[Buckets.Length];
        private readonly Lock _lock = new();
        private long _count;
        private double _sum;

        public void Observe(double seconds)
        {
            lock (_lock)
            {
                for (var i = 0; i < Buckets.Length; i++)
                {
                    if (seconds <= Buckets[i])
                    {
                        _buckets[i]++;
                    }
                }

                _count++;
                _sum += seconds;
            }
        }

        public void Render(StringBuilder text, string route)
        {
            lock (_lock)
            {
                for (var i = 0; i < Buckets.Length; i++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"hfp_request_duration_seconds_bucket{{route=\"{route}\",le=\"{Buckets[i]}\"}} {_buckets[i]}\n");
                }

                text.Append(CultureInfo.InvariantCulture, $"hfp_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {_count}\n");
                text.Append(CultureInfo.InvariantCulture, $"hfp_request_duration_seconds_sum{{route=\"{route}\"}} {_sum}\n");
                text.Append(CultureInfo.InvariantCulture, $"hfp_request_duration_seconds_count{{route=\"{route}\"}} {_count}\n");
            }
        }
    }
}
