using System.Diagnostics;

namespace HfPipelines.Testing;

/// <summary>
/// Samples memory on timers while a workload runs and keeps the peaks: the process's resident set every 10 ms, and the
/// live managed heap (after a full collection, so garbage waiting to be collected does not count) every 100 ms.
/// <see cref="Baseline"/> is taken after a full collection when the sampler starts. Memory assertions compare peaks or
/// settled values with the baseline: bounds, never times.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer _resident;
    private readonly Timer _live;
    private long _peakLive;
    private long _peakResident;

    private MemorySampler()
    {
        Baseline = Snapshot.Settled();
        _peakLive = Baseline.Managed;
        _peakResident = Baseline.Resident;
        _resident = new Timer(_ => Raise(ref _peakResident, Snapshot.ResidentBytes()), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(10));
        _live = new Timer(_ => SampleLive(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Managed heap and resident set after a full collection, when sampling started.</summary>
    public Snapshot Baseline { get; }

    /// <summary>The largest live managed heap seen, in bytes.</summary>
    public long PeakLive => Interlocked.Read(ref _peakLive);

    /// <summary>The largest resident set seen, in bytes.</summary>
    public long PeakResident => Interlocked.Read(ref _peakResident);

    /// <summary>Collects fully, takes the baseline and starts sampling.</summary>
    public static MemorySampler Start() => new();

    /// <summary>Stops sampling (one last sample of each first).</summary>
    public void Dispose()
    {
        _resident.Dispose();
        _live.Dispose();
        Raise(ref _peakResident, Snapshot.ResidentBytes());
        SampleLive();
    }

    private void SampleLive()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
        Raise(ref _peakLive, GC.GetTotalMemory(false));
    }

    private static void Raise(ref long peak, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, seen) != seen)
        {
        }
    }

    /// <summary>Managed heap and resident set at one moment, in bytes.</summary>
    internal readonly record struct Snapshot(long Managed, long Resident)
    {
        /// <summary>After a full, compacting collection (finalizers run), so what is left is what is still referenced.</summary>
        public static Snapshot Settled()
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            return new Snapshot(GC.GetTotalMemory(false), ResidentBytes());
        }

        public static long ResidentBytes()
        {
            using var process = Process.GetCurrentProcess();
            return process.WorkingSet64;
        }

        public override string ToString() => $"managed {Managed / 1048576.0:F1} MiB, resident {Resident / 1048576.0:F1} MiB";
    }
}
