using System.Globalization;
using System.Text.Json.Nodes;
using HfPipelines.Benchmarking;
using HfPipelines.Onnx;
using HfPipelines.Tasks;
using HfPipelines.Tokenization;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>Sentence embeddings: our pipeline, the bare ONNX Runtime loop and transformers.js, per batch size; then 32 concurrent callers.</summary>
internal static class EmbeddingSuite
{
    public const string OursSide = "ours (FeatureExtraction pipeline, defaults)";
    public const string BareSide = "bare ONNX Runtime loop (C#)";

    private static readonly FeatureExtractionOptions MeanNormalized = new() { Pooling = PoolingMode.Mean, Normalize = true };

    /// <summary>
    /// Per batch size: our pipeline with its default options (a call of <c>batch</c> texts; the pipeline sorts them by length
    /// and runs padded batches of similar lengths, at most <see cref="OnnxPipelineOptions.BatchSize"/>), the bare loop (one padded batch per call)
    /// and transformers.js (one padded batch per call). A batch size of the whole input is one call of every sentence.
    /// </summary>
    public static async Task RunAsync(SideBySideSettings settings, string folder, string sentencesFile, IReadOnlyList<string> sentences, Report report)
    {
        using var pipeline = OnnxPipelines.CreateFeatureExtraction(folder, HfTokenizer.FromFolder(folder));
        using var bare = new BareOnnxEmbedder(folder);
        foreach (var batchSize in settings.BatchSizes)
        {
            // Passes alternate between the two sides (and which goes first), so that a load spike on the shared machine hits both alike.
            for (var rep = 0; rep < settings.Repetitions; rep++)
            {
                // The first pass of a side at a batch size follows one untimed pass: ONNX Runtime's first run of each new
                // input shape allocates, and a batch size meets every padded length of the input once.
                BenchmarkOptions Bench(string side) => new()
                {
                    BatchSize = batchSize,
                    WarmupCalls = rep == 0 && report.Find("embeddings", side, batchSize) is null ? (sentences.Count + batchSize - 1) / batchSize : 0,
                };
                Func<Task> oursPass = async () => report.Add(ToMeasurement("embeddings", OursSide, batchSize, await BenchmarkRunner.RunAsync("ours", sentences, (batch, ct) => batch.Count == 1
                    ? pipeline.RunAsync(batch[0], MeanNormalized, ct)
                    : pipeline.RunBatchAsync(batch, MeanNormalized, ct), Bench(OursSide))));
                Func<Task> barePass = async () => report.Add(ToMeasurement("embeddings", BareSide, batchSize,
                    await BenchmarkRunner.RunAsync("bare", sentences, (batch, _) => Task.FromResult(bare.Embed(batch)), Bench(BareSide))));
                await (rep % 2 == 0 ? oursPass : barePass)();
                await (rep % 2 == 0 ? barePass : oursPass)();
            }
        }

        await RunPeerAsync(settings, folder, sentencesFile, report);
    }

    public static async Task RunConcurrencyAsync(SideBySideSettings settings, string folder, IReadOnlyList<string> sentences, Report report)
    {
        using var pipeline = OnnxPipelines.CreateFeatureExtraction(folder, HfTokenizer.FromFolder(folder));
        var sequential = await BenchmarkRunner.RunAsync("sequential", sentences, (batch, ct) => pipeline.RunAsync(batch[0], MeanNormalized, ct),
            new BenchmarkOptions { WarmupCalls = 64, Repetitions = settings.Repetitions });
        report.Add(ToMeasurement("concurrency", "32 single calls, one after another", 1, sequential));
        var concurrent = await BenchmarkRunner.RunAsync("concurrent", sentences, (batch, ct) => pipeline.RunAsync(batch[0], MeanNormalized, ct),
            new BenchmarkOptions { Concurrency = 32, WarmupCalls = 3, Repetitions = settings.Repetitions });
        report.Add(ToMeasurement("concurrency", "32 concurrent callers, one text each", 1, concurrent));
    }

    public static Measurement ToMeasurement(string suite, string side, int batchSize, BenchmarkResult result, string unit = "items/s") =>
        new(suite, side, batchSize, result.ItemsPerSecond, unit, result.P50Milliseconds, result.P95Milliseconds, result.PassItemsPerSecond);

    private static async Task RunPeerAsync(SideBySideSettings settings, string folder, string sentencesFile, Report report)
    {
        var peer = await NodePeer.RunAsync(Path.Combine(settings.ScriptsDirectory, "embeddings.mjs"),
            ["--model-dir", folder, "--input", sentencesFile, "--batch-sizes", string.Join(',', settings.BatchSizes), "--repetitions", settings.Repetitions.ToString(CultureInfo.InvariantCulture), "--warmup", "pass"],
            TimeSpan.FromMinutes(10), report.Note);
        if (peer?["results"] is not JsonArray results)
        {
            report.Note("transformers.js did not run: install it with scripts/bench/setup.sh.");
            return;
        }

        report.Note($"transformers.js {peer["version"]} (onnxruntime-node): load {peer["load_ms"]?.GetValue<double>():0} ms, rss {peer["rss_bytes"]?.GetValue<double>() / 1e6:0} MB.");
        foreach (var r in results.OfType<JsonObject>())
        {
            report.Add(new Measurement("embeddings", "transformers.js", r["batch_size"]!.GetValue<int>(), r["items_per_second"]!.GetValue<double>(), "items/s",
                r["p50_ms"]!.GetValue<double>(), r["p95_ms"]!.GetValue<double>(), [.. r["passes_items_per_second"]!.AsArray().Select(p => p!.GetValue<double>())]));
        }
    }
}
