using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using HfPipelines.Onnx;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Tokenization;
using Microsoft.ML.OnnxRuntime;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>
/// The single small input (issue 22): batch-1 embeddings of the 256 sentences under each way of driving ONNX Runtime,
/// one pass per side per round in a rotating order, then transformers.js in the same round; intra-op threads 1 against 2
/// by token length; session load time with and without a saved optimized model.
/// </summary>
internal static class SmallInputSuite
{
    public const string Suite = "small-input";
    public const string DefaultSide = "ours, defaults";
    private static readonly FeatureExtractionOptions MeanNormalized = new() { Pooling = PoolingMode.Mean, Normalize = true };
    private const int Block = 16;
    private static readonly int[] Lengths = [8, 16, 32, 64, 128, 256];

    /// <summary>Our pipeline's variants: only the session options differ.</summary>
    private static readonly (string Side, OnnxSessionOptions Options)[] PipelineSides =
    [
        (DefaultSide, new OnnxSessionOptions()),
        ("ours, intra-op 1 thread", new OnnxSessionOptions { IntraOpThreads = 1 }),
        ("ours, intra-op 2 threads", new OnnxSessionOptions { IntraOpThreads = 2 }),
        ("ours, intra-op 2 threads, no spinning", new OnnxSessionOptions { IntraOpThreads = 2, AllowSpinning = false }),
        ("ours, graph optimization extended", new OnnxSessionOptions { GraphOptimization = GraphOptimizationLevel.ORT_ENABLE_EXTENDED }),
        ("ours, graph optimization basic", new OnnxSessionOptions { GraphOptimization = GraphOptimizationLevel.ORT_ENABLE_BASIC }),
    ];

    public static async Task RunAsync(SideBySideSettings settings, string folder, string sentencesFile, IReadOnlyList<string> sentences, Report report)
    {
        var sides = new List<(string Side, Func<IReadOnlyList<string>, CancellationToken, Task> Call, IDisposable Owner)>();
        try
        {
            foreach (var (side, options) in PipelineSides)
            {
                var pipeline = OnnxPipelines.CreateFeatureExtraction(folder, HfTokenizer.FromFolder(folder), new OnnxPipelineOptions { Session = options });
                sides.Add((side, (batch, ct) => pipeline.RunAsync(batch[0], MeanNormalized, ct), pipeline));
            }

            foreach (var (side, bare) in new[]
            {
                ("bare loop, ONNX Runtime's default threads (0: one per physical core, pinned)", new BareOnnxEmbedder(folder)),
                ("bare loop, 2 threads given explicitly (not pinned)", new BareOnnxEmbedder(folder, intraOpThreads: 2)),
                ("bare loop, memory arena off", new BareOnnxEmbedder(folder, memoryArena: false)),
                ("bare loop, IOBinding + pre-allocated input/output", new BareOnnxEmbedder(folder, ioBinding: true)),
                ("bare loop, denormals as zero", new BareOnnxEmbedder(folder, configEntries: new Dictionary<string, string> { ["session.set_denormal_as_zero"] = "1" })),
                ("bare loop, dynamic block base 4", new BareOnnxEmbedder(folder, configEntries: new Dictionary<string, string> { ["session.dynamic_block_base"] = "4" })),
            })
            {
                sides.Add((side, (batch, _) => Task.FromResult(bare.Embed(batch)), bare));
            }

            // transformers.js runs in its own process, so it cannot interleave by call: it runs between our repetitions.
            await WarmUpAsync(sentences, sides);
            for (var rep = 0; rep < settings.Repetitions; rep++)
            {
                await InterleavedAsync(rep, sentences, sides, report);
                await PeerAsync(settings, folder, sentencesFile, report);
            }

            ThreadsByLength(folder, sentences, report);
            LoadTimes(folder, report);
        }
        finally
        {
            sides.ForEach(s => s.Owner.Dispose());
        }
    }

    /// <summary>
    /// Every side embeds the same block of 16 sentences, one text per call, then the next block, the order of the sides
    /// rotating from block to block: a load spike on the shared machine lasts seconds, so it hits every side alike.
    /// Each side's block starts with one untimed call (the side before may have left its threads spinning). A side's
    /// throughput is the sentences over the sum of its call times; the passes column lists each block's rate.
    /// </summary>
    private static async Task InterleavedAsync(int rep, IReadOnlyList<string> sentences, List<(string Side, Func<IReadOnlyList<string>, CancellationToken, Task> Call, IDisposable Owner)> sides, Report report)
    {
        {
            var times = sides.Select(_ => new List<double>()).ToArray();
            var blocks = sentences.Chunk(Block).ToList();
            for (var b = 0; b < blocks.Count; b++)
            {
                for (var k = 0; k < sides.Count; k++)
                {
                    var index = (k + b + rep) % sides.Count;

                    // One untimed call first: the side before may have left its threads spinning on the cores.
                    await sides[index].Call([blocks[b][0]], CancellationToken.None);
                    foreach (var text in blocks[b])
                    {
                        var start = Stopwatch.GetTimestamp();
                        await sides[index].Call([text], CancellationToken.None);
                        times[index].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }
                }
            }

            for (var k = 0; k < sides.Count; k++)
            {
                var sorted = times[k].Order().ToList();
                var perBlock = times[k].Chunk(Block).Select(block => Math.Round(block.Length * 1000 / block.Sum(), 0)).ToList();
                report.Add(new Measurement(Suite, sides[k].Side, 1, times[k].Count * 1000 / times[k].Sum(), "items/s", sorted[sorted.Count / 2], sorted[(int)(sorted.Count * 0.95)], perBlock));
            }
        }
    }

    private static async Task WarmUpAsync(IReadOnlyList<string> sentences, List<(string Side, Func<IReadOnlyList<string>, CancellationToken, Task> Call, IDisposable Owner)> sides)
    {
        foreach (var (_, call, _) in sides)
        {
            foreach (var text in sentences.Take(Block))
            {
                await call([text], CancellationToken.None);
            }
        }
    }

    private static async Task PeerAsync(SideBySideSettings settings, string folder, string sentencesFile, Report report)
    {
        var peer = await NodePeer.RunAsync(Path.Combine(settings.ScriptsDirectory, "embeddings.mjs"),
            ["--model-dir", folder, "--input", sentencesFile, "--batch-sizes", "1", "--repetitions", "1", "--warmup", "32"],
            TimeSpan.FromMinutes(5), report.Note);
        if (peer?["results"] is not JsonArray results)
        {
            report.Note("transformers.js did not run: install it with scripts/bench/setup.sh.");
            return;
        }

        foreach (var r in results.OfType<JsonObject>())
        {
            report.Add(new Measurement(Suite, "transformers.js", 1, r["items_per_second"]!.GetValue<double>(), "items/s",
                r["p50_ms"]!.GetValue<double>(), r["p95_ms"]!.GetValue<double>(), [.. r["passes_items_per_second"]!.AsArray().Select(p => p!.GetValue<double>())]));
        }
    }

    /// <summary>Calls per second at each token length, 1 against 2 intra-op threads, in alternating blocks of 10 calls.</summary>
    private static void ThreadsByLength(string folder, IReadOnlyList<string> sentences, Report report)
    {
        using var one = OnnxPipelines.CreateFeatureExtraction(folder, HfTokenizer.FromFolder(folder), new OnnxPipelineOptions { Session = new OnnxSessionOptions { IntraOpThreads = 1 } });
        using var two = OnnxPipelines.CreateFeatureExtraction(folder, HfTokenizer.FromFolder(folder), new OnnxPipelineOptions { Session = new OnnxSessionOptions { IntraOpThreads = 2 } });
        var tokenizer = HfTokenizer.FromFolder(folder);
        Batch32(one, two, sentences, report);
        foreach (var length in Lengths)
        {
            var text = TextOfLength(tokenizer, length);
            var times = new Dictionary<int, List<double>> { [1] = [], [2] = [] };
            for (var block = 0; block < 8; block++)
            {
                foreach (var threads in block % 2 == 0 ? new[] { 1, 2 } : [2, 1])
                {
                    var pipeline = threads == 1 ? one : two;
                    pipeline.RunAsync(text, MeanNormalized).GetAwaiter().GetResult();
                    for (var call = 0; call < 10; call++)
                    {
                        var clock = Stopwatch.StartNew();
                        pipeline.RunAsync(text, MeanNormalized).GetAwaiter().GetResult();
                        times[threads].Add(clock.Elapsed.TotalMilliseconds);
                    }
                }
            }

            foreach (var threads in new[] { 1, 2 })
            {
                var sorted = times[threads].Order().ToList();
                var median = sorted[sorted.Count / 2];
                report.Add(new Measurement("small-input-length", $"{length} tokens, intra-op {threads} thread(s)", 1, 1000 / median, "calls/s", median, sorted[(int)(sorted.Count * 0.95)], [.. Blocks(times[threads])]));
            }
        }
    }

    /// <summary>The other end: the 256 sentences in calls of 32 (the pipeline sorts them by length), 1 against 2 threads, alternating.</summary>
    private static void Batch32(IPipeline<string, FeatureExtractionOptions, FeatureExtractionResult> one, IPipeline<string, FeatureExtractionOptions, FeatureExtractionResult> two, IReadOnlyList<string> sentences, Report report)
    {
        var rates = new Dictionary<int, List<double>> { [1] = [], [2] = [] };
        for (var pass = 0; pass < 5; pass++)
        {
            foreach (var threads in pass % 2 == 0 ? new[] { 1, 2 } : [2, 1])
            {
                var pipeline = threads == 1 ? one : two;
                var clock = Stopwatch.StartNew();
                foreach (var batch in sentences.Chunk(32))
                {
                    pipeline.RunBatchAsync(batch, MeanNormalized).GetAwaiter().GetResult();
                }

                if (pass > 0)
                {
                    rates[threads].Add(Math.Round(sentences.Count / clock.Elapsed.TotalSeconds, 1));
                }
            }
        }

        foreach (var threads in new[] { 1, 2 })
        {
            var sorted = rates[threads].Order().ToList();
            report.Add(new Measurement("small-input-length", $"calls of 32 sentences, intra-op {threads} thread(s)", 32, sorted[sorted.Count / 2], "items/s", 0, 0, rates[threads]));
        }
    }

    private static IEnumerable<double> Blocks(List<double> times) =>
        times.Chunk(10).Select(block => Math.Round(1000 / block.Order().ElementAt(block.Length / 2), 1));

    /// <summary>A text of exactly <paramref name="length"/> tokens, [CLS] and [SEP] included.</summary>
    private static string TextOfLength(HfTokenizer tokenizer, int length)
    {
        var words = "the quick brown fox jumps over a lazy dog while seven ancient rivers carry bright stones toward distant harbors".Split(' ');
        var text = string.Empty;
        for (var i = 0; tokenizer.Encode(text + " " + words[i % words.Length]).Ids.Length <= length; i++)
        {
            text = (text + " " + words[i % words.Length]).Trim();
        }

        return text;
    }

    /// <summary>Session creation: the original file with every optimization, against a saved optimized model loaded with
    /// optimizations off (what SessionOptions.OptimizedModelFilePath would buy at load), alternating, 5 loads each.</summary>
    private static void LoadTimes(string folder, Report report)
    {
        var original = Path.Combine(folder, "onnx", "model.onnx");
        var optimized = Path.Combine(folder, "onnx", "model.optimized.onnx");
        if (!File.Exists(optimized))
        {
            using var save = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, OptimizedModelFilePath = optimized };
            using var saving = new InferenceSession(original, save);
        }

        var times = new Dictionary<string, List<double>> { ["original, all optimizations"] = [], ["saved optimized model, optimizations off"] = [] };
        for (var i = 0; i < 10; i++)
        {
            var fromSaved = i % 2 == 1;
            var clock = Stopwatch.StartNew();
            using (var options = new SessionOptions { GraphOptimizationLevel = fromSaved ? GraphOptimizationLevel.ORT_DISABLE_ALL : GraphOptimizationLevel.ORT_ENABLE_ALL })
            using (new InferenceSession(fromSaved ? optimized : original, options))
            {
                times[fromSaved ? "saved optimized model, optimizations off" : "original, all optimizations"].Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        foreach (var (side, list) in times)
        {
            var sorted = list.Order().ToList();
            report.Add(new Measurement("small-input-load", "session load, " + side, 1, sorted[sorted.Count / 2], "ms", sorted[sorted.Count / 2], sorted[^1], [.. list.Select(t => Math.Round(t, 1))]));
        }
    }
}
