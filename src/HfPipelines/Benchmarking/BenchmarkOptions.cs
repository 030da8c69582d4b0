namespace HfPipelines.Benchmarking;

/// <summary>How <see cref="BenchmarkRunner"/> measures: batch size, concurrent callers, warm-up and repetitions. Validated on set.</summary>
public sealed class BenchmarkOptions
{
    private int _batchSize = 1;
    private int _concurrency = 1;
    private int _warmupCalls = 1;
    private int _repetitions = 1;
    private TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>Items per call (default 1). The last call of a pass may get fewer.</summary>
    public int BatchSize
    {
        get => _batchSize;
        set => _batchSize = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "BatchSize must be 1 or more.");
    }

    /// <summary>Callers running at the same time, each taking the next batch (default 1: one call after another).</summary>
    public int Concurrency
    {
        get => _concurrency;
        set => _concurrency = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Concurrency must be 1 or more.");
    }

    /// <summary>Untimed calls made first, on the first batches (default 1; 0 for none).</summary>
    public int WarmupCalls
    {
        get => _warmupCalls;
        set => _warmupCalls = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "WarmupCalls must be 0 or more.");
    }

    /// <summary>Timed passes over all the items (default 1); throughput is the median pass's.</summary>
    public int Repetitions
    {
        get => _repetitions;
        set => _repetitions = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Repetitions must be 1 or more.");
    }

    /// <summary>The clock (default <see cref="TimeProvider.System"/>; tests give a fake one).</summary>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        set => _timeProvider = value ?? throw new ArgumentNullException(nameof(value));
    }
}
