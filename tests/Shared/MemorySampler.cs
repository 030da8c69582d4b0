using System.Diagnostics;

namespace HfPipelines.Testing;

/// <summary>
/// Samples memory on timers while a workload runs and keeps the peaks: the raw resident set every 10 ms (garbage the GC
/// has not collected yet included), and every 250 ms a settled snapshot (<see cref="Snapshot.Settled"/>: after an
/// aggressive full collection and a native heap trim), whose managed heap is the live data and whose resident set is
/// what the process really holds. <see cref="Baseline"/> is a settled snapshot taken when the sampler starts. Memory
/// assertions compare peaks or settled values with the baseline: bounds, never times.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer _raw;
    private readonly Timer _settled;
    private readonly object _gate = new();
    private long _peakResident;
    private Snapshot _peakSettled;

    private MemorySampler()
    {
        Baseline = Snapshot.Settled();
        _peakSettled = Baseline;
        _peakResident = Baseline.Resident;
        _raw = new Timer(_ => Raise(Snapshot.ResidentBytes()), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(10));
        _settled = new Timer(_ => SampleSettled(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
    }

    /// <summary>Managed heap and resident set, settled, when sampling started.</summary>
    public Snapshot Baseline { get; }

    /// <summary>The largest settled managed heap (live data) and, separately, the largest settled resident set seen.</summary>
    public Snapshot PeakSettled
    {
        get
        {
            lock (_gate)
            {
                return _peakSettled;
            }
        }
    }

    /// <summary>The largest raw resident set seen, garbage not yet collected included.</summary>
    public long PeakResident => Interlocked.Read(ref _peakResident);

    /// <summary>Settles memory, takes the baseline and starts sampling.</summary>
    public static MemorySampler Start() => new();

    /// <summary>Stops sampling (one last settled sample first).</summary>
    public void Dispose()
    {
        _raw.Dispose();
        _settled.Dispose();
        SampleSettled();
    }

    private void SampleSettled()
    {
        Raise(Snapshot.ResidentBytes());
        var now = Snapshot.Settled();
        lock (_gate)
        {
            _peakSettled = new Snapshot(Math.Max(_peakSettled.Managed, now.Managed), Math.Max(_peakSettled.Resident, now.Resident));
        }
    }

    private void Raise(long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref _peakResident)) && Interlocked.CompareExchange(ref _peakResident, value, seen) != seen)
        {
        }
    }

    /// <summary>Managed heap and resident set at one moment, in bytes.</summary>
    internal readonly record struct Snapshot(long Managed, long Resident)
    {
        /// <summary>
        /// After an aggressive full collection (compacting, finalizers run, and free GC memory given back to the system at
        /// once rather than bit by bit over the next seconds), so what is left is what is still referenced.
        /// </summary>
        public static Snapshot Settled()
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            TrimNativeHeap();
            return new Snapshot(GC.GetTotalMemory(false), ResidentBytes());
        }

        public static long ResidentBytes()
        {
            using var process = Process.GetCurrentProcess();
            return process.WorkingSet64;
        }

        /// <summary>
        /// Asks glibc to give freed native memory back to the system (<c>malloc_trim</c>), so the resident set counts what
        /// native code still holds rather than what its allocator keeps for later. A no-op where there is no glibc.
        /// </summary>
        private static void TrimNativeHeap()
        {
            if (!OperatingSystem.IsLinux())
            {
                return;
            }

            try
            {
                _ = MallocTrim(0);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                // Not glibc (musl): nothing to trim.
            }
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "malloc_trim")]
        private static extern int MallocTrim(nuint pad);

        public override string ToString() => $"managed {Managed / 1048576.0:F1} MiB, resident {Resident / 1048576.0:F1} MiB";
    }
}
