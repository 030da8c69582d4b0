using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using HfPipelines.Audio;
using HfPipelines.Tasks;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>
/// Speech (issue #7). Whisper log-mel feature extraction on the samples of jfk.wav (11 s at 16 kHz, decoded once and
/// given to node as raw float32, so both sides get identical input; both pad to one 30-s window per call): ours
/// (<see cref="WhisperFeatureExtractor.Extract"/>, its <c>Parallel.For</c> over frames on all cores) against
/// transformers.js's <c>WhisperFeatureExtractor</c> (JavaScript, one thread), 80 and 128 bins, in windows/s; both also
/// per second of process CPU time (all threads), the single-core comparison, which load on a shared machine disturbs
/// less (<c>Parallel.For</c> takes no thread limit from outside, not even the current scheduler's, so ours cannot be
/// pinned to one thread without changing the library). Then the real-time factor of the whole recognition path
/// (<see cref="AsrRealTime"/>). Every side is warmed up for half a second; our two alternate pass by pass.
/// </summary>
internal static class SpeechSuite
{
    public const string Suite = "speech";
    public const string WindowsUnit = "windows/s";
    public const string CpuUnit = "windows/CPU-s";
    private const int Loops = 8;
    private const int PeerLoops = 4;

    /// <summary>Our extractor's side for a bin count: wall-clock windows/s, or windows per second of process CPU time.</summary>
    public static string Ours(int bins, bool perCpuSecond) => perCpuSecond
        ? $"ours: log-mel {bins} bins, WhisperFeatureExtractor.Extract, per CPU second of all its threads"
        : $"ours: log-mel {bins} bins, WhisperFeatureExtractor.Extract (Parallel.For, all cores)";

    /// <summary>transformers.js's side for a bin count: wall-clock windows/s, or windows per second of node's CPU time.</summary>
    public static string Peer(int bins, bool perCpuSecond = false) => perCpuSecond
        ? $"transformers.js: log-mel {bins} bins, per CPU second of the node process"
        : $"transformers.js: log-mel {bins} bins, WhisperFeatureExtractor (JavaScript, 1 thread)";

    public static async Task RunAsync(SideBySideSettings settings, Report report)
    {
        var jfk = Path.Combine(settings.FixturesDirectory, "audio", "jfk.wav");
        var samples = (await AudioDecoder.DecodeAsync(AudioInput.FromFile(jfk))).Samples;
        if (samples.Length != AsrRealTime.ClipSeconds * 16_000)
        {
            throw new InvalidOperationException($"{jfk} holds {samples.Length} samples at 16 kHz, not the fixture's 176,000 (11 s): restore the fixture.");
        }

        var samplesFile = Path.Combine(Path.GetTempPath(), $"hfp-bench-jfk-{Environment.ProcessId}.f32");
        await File.WriteAllBytesAsync(samplesFile, MemoryMarshal.AsBytes(samples.AsSpan()).ToArray());
        try
        {
            report.Note($"Speech input: {Path.GetFileName(jfk)}, {samples.Length} samples at 16 kHz ({samples.Length / 16_000.0:0.0} s), one 30-s window per feature call (the rest zero padding, as in transformers and transformers.js).");
            var sums = RunOurs(settings, samples, report);
            await RunPeerAsync(settings, samplesFile, sums, report);
            await AsrRealTime.RunAsync(settings, jfk, report);
        }
        finally
        {
            File.Delete(samplesFile);
        }
    }

    private static Dictionary<int, double> RunOurs(SideBySideSettings settings, float[] samples, Report report)
    {
        var extractors = new[] { 80, 128 }.ToDictionary(b => b, b => new WhisperFeatureExtractor(new WhisperFeatureExtractorOptions { FeatureSize = b }));
        foreach (var extractor in extractors.Values)
        {
            WarmUp(() => extractor.Extract(samples));
        }

        var passes = extractors.Keys.ToDictionary(b => b, _ => new List<(double Wall, double Cpu)>());
        for (var rep = 0; rep < settings.Repetitions; rep++)
        {
            foreach (var bins in rep % 2 == 0 ? extractors.Keys : extractors.Keys.Reverse())
            {
                var (wall, cpu) = Time(() => extractors[bins].Extract(samples), Loops);
                passes[bins].Add((Loops / wall, Loops / cpu));
            }
        }

        foreach (var (bins, timed) in passes)
        {
            report.Add(ToMeasurement(Ours(bins, perCpuSecond: false), [.. timed.Select(t => t.Wall)]));
            report.Add(ToMeasurement(Ours(bins, perCpuSecond: true), [.. timed.Select(t => t.Cpu)], CpuUnit));
        }

        return extractors.ToDictionary(e => e.Key, e => e.Value.Extract(samples).Sum(v => (double)v));
    }

    private static async Task RunPeerAsync(SideBySideSettings settings, string samplesFile, Dictionary<int, double> ourSums, Report report)
    {
        var peer = await NodePeer.RunAsync(Path.Combine(settings.ScriptsDirectory, "logmel.mjs"),
            ["--samples", samplesFile, "--bins", string.Join(',', ourSums.Keys), "--repetitions", settings.Repetitions.ToString(CultureInfo.InvariantCulture), "--loops", PeerLoops.ToString(CultureInfo.InvariantCulture)],
            TimeSpan.FromMinutes(3), report.Note);
        if (peer?["results"] is not JsonArray results)
        {
            report.Note("transformers.js log-mel did not run: install it with scripts/bench/setup.sh.");
            return;
        }

        foreach (var result in results.OfType<JsonObject>())
        {
            var bins = result["bins"]!.GetValue<int>();
            report.Add(ToMeasurement(Peer(bins), [.. result["passes_windows_per_second"]!.AsArray().Select(p => p!.GetValue<double>())]));
            report.Add(ToMeasurement(Peer(bins, perCpuSecond: true), [.. result["passes_windows_per_cpu_second"]!.AsArray().Select(p => p!.GetValue<double>())], CpuUnit));
            report.Note(string.Create(CultureInfo.InvariantCulture,
                $"Speech log-mel {bins} bins check: the sum of the 3000 x {bins} features is {ourSums[bins]:0.00} ours, {result["sum"]!.GetValue<double>():0.00} transformers.js {peer["version"]}."));
        }
    }

    /// <summary>Runs a side for half a second (at least once), so that its code is fully optimised (tiered JIT) before it is timed.</summary>
    public static void WarmUp(Action call)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            call();
        }
        while (clock.ElapsedMilliseconds < 500);
    }

    /// <summary>Wall-clock and process CPU seconds of <paramref name="loops"/> calls.</summary>
    private static (double Wall, double Cpu) Time(Action call, int loops)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        for (var l = 0; l < loops; l++)
        {
            call();
        }

        return (clock.Elapsed.TotalSeconds, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds);
    }

    /// <summary>The median pass; the latency columns hold the time of one window.</summary>
    private static Measurement ToMeasurement(string side, List<double> passes, string unit = WindowsUnit)
    {
        var median = passes.Order().ElementAt((passes.Count - 1) / 2);
        return new Measurement(Suite, side, 1, median, unit, 1000 / median, 1000 / median, passes);
    }
}
