using System.Diagnostics;

namespace HfPipelines.Benchmarking;

/// <summary>
/// Measures a call over a list of items: untimed warm-up calls, then timed passes over every item in
/// batches, from one or several concurrent callers. Reports items per second (median pass), call latency
/// percentiles and memory. Stateless and thread-safe; the clock is injected through <see cref="BenchmarkOptions.TimeProvider"/>.
/// </summary>
public static class BenchmarkRunner
{
    /// <summary>Measures <paramref name="call"/> over <paramref name="items"/>.</summary>
    /// <typeparam name="T">The item type (a text, an image path ...).</typeparam>
    /// <param name="name">What is measured (reported as is).</param>
    /// <param name="items">The items; at least one.</param>
    /// <param name="call">Processes one batch of items.</param>
    /// <param name="options">Batch size, concurrency, warm-up and repetitions; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the measurement (passed on to every call).</param>
    /// <returns>The measurement.</returns>
    public static async Task<BenchmarkResult> RunAsync<T>(
        string name,
        IReadOnlyList<T> items,
        Func<IReadOnlyList<T>, CancellationToken, Task> call,
        BenchmarkOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(call);
        if (items.Count == 0)
        {
            throw new ArgumentException("There is nothing to measure: give at least one item.", nameof(items));
        }

        options ??= new BenchmarkOptions();
        var batches = items.Chunk(options.BatchSize).ToArray();
        for (var i = 0; i < options.WarmupCalls; i++)
        {
            await call(batches[i % batches.Length], cancellationToken).ConfigureAwait(false);
        }

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var latencies = new List<double>(batches.Length * options.Repetitions);
        var rates = new double[options.Repetitions];
        for (var r = 0; r < options.Repetitions; r++)
        {
            var clock = options.TimeProvider;
            var start = clock.GetTimestamp();
            latencies.AddRange(await RunPassAsync(batches, call, options, cancellationToken).ConfigureAwait(false));
            var seconds = clock.GetElapsedTime(start).TotalSeconds;
            rates[r] = seconds > 0 ? items.Count / seconds : 0;
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        var rate = Percentiles.Of(rates, 50);
        return new BenchmarkResult(
            name,
            items.Count,
            batches.Length,
            rate > 0 ? items.Count / rate : 0,
            rate,
            Percentiles.Of(latencies, 50),
            Percentiles.Of(latencies, 95),
            PeakWorkingSet(),
            GC.GetTotalMemory(forceFullCollection: false),
            allocated / ((long)items.Count * options.Repetitions))
        {
            PassItemsPerSecond = rates,
        };
    }

    /// <summary>The process's peak resident memory so far, or 0 where the platform does not report it.</summary>
    /// <returns>Bytes.</returns>
    public static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private static async Task<double[]> RunPassAsync<T>(T[][] batches, Func<IReadOnlyList<T>, CancellationToken, Task> call, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var latencies = new double[batches.Length];
        var next = -1;
        async Task CallerAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = options.TimeProvider.GetTimestamp();
                await call(batches[index], cancellationToken).ConfigureAwait(false);
                latencies[index] = options.TimeProvider.GetElapsedTime(start).TotalMilliseconds;
            }
        }

        if (options.Concurrency == 1)
        {
            await CallerAsync().ConfigureAwait(false);
        }
        else
        {
            // Each caller runs on its own pool thread, so a call that blocks (a synchronous model run) does not hold the others back.
            var callers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(CallerAsync, cancellationToken));
            await Task.WhenAll(callers).ConfigureAwait(false);
        }

        return latencies;
    }
}
