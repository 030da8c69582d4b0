using System.Diagnostics;
using System.Globalization;
using HfPipelines.Onnx;
using HfPipelines.Safetensors;
using HfPipelines.Tasks;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HfPipelines.Benchmarks;

/// <summary>
/// <c>safetensors [fixtures] [rounds]</c>: the graph builder on the transformers-saved BERT classifier
/// (pyoracle-safetensors/bert-safetensors-classifier): build time, first-session load, and per-call latency of the
/// built graph against ONNX Runtime on the optimum-style export of the same architecture
/// (pyoracle/text-classification/onnx/model.onnx: BERT, hidden 16, 2 layers), both with ONNX Runtime's default
/// optimizations. The two sides alternate within every round (which goes first alternates too), so load from other
/// processes on a shared machine falls on both; the figures are medians over rounds and the ratio is ours / export.
/// </summary>
internal static class SafetensorsBuild
{
    private const int CallsPerRound = 200;

    public static int Run(string fixtures, int rounds)
    {
        var checkpoint = Path.Combine(fixtures, "pyoracle-safetensors", "bert-safetensors-classifier");
        var exportFolder = Path.Combine(fixtures, "pyoracle", "text-classification");
        var export = Path.Combine(exportFolder, "onnx", "model.onnx");
        var work = Directory.CreateTempSubdirectory("hfp-safetensors-bench-").FullName;
        try
        {
            var built = Path.Combine(work, "model.onnx");
            var build = Enumerable.Range(0, rounds).Select(_ => Time(() => EncoderGraphBuilder.Build(checkpoint, EncoderHead.SequenceClassification, built))).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"build (safetensors -> ONNX, {new FileInfo(built).Length / 1024.0:0} KiB graph + {new FileInfo(built + ".data").Length / 1e6:0.0} MB data): median {Median(build):0.0} ms of {rounds}"));
            using (new InferenceSession(export))
            {
                // Loads the native runtime once, so that neither side's first load pays for it.
            }

            var load = Alternate(rounds, () => Time(() => new InferenceSession(built).Dispose()), () => Time(() => new InferenceSession(export).Dispose()));
            Report("session load", load);
            foreach (var (batch, length) in new[] { (1, 16), (8, 64) })
            {
                using var ours = new InferenceSession(built);
                using var theirs = new InferenceSession(export);
                var inputs = Inputs(batch, length);
                Report($"Run, batch {batch} x {length} tokens ({CallsPerRound} calls)", Alternate(rounds, () => PerCall(ours, inputs), () => PerCall(theirs, inputs)));
            }

            PipelineLatency(checkpoint, built, exportFolder, rounds);
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>What a user sees: text-classification through the pipeline (tokenizer, run, softmax) on each model.</summary>
    private static void PipelineLatency(string checkpoint, string built, string exportFolder, int rounds)
    {
        using var ours = OnnxPipelines.CreateTextClassification(checkpoint, new OnnxPipelineOptions { ModelFile = built });
        using var theirs = OnnxPipelines.CreateTextClassification(exportFolder);
        const string text = "The safetensors checkpoint runs in .NET without an ONNX export.";
        var options = new TextClassificationOptions { TopK = 0 };
        Report($"text-classification pipeline, 1 text ({CallsPerRound} calls)", Alternate(
            rounds,
            () => PerCall(() => ours.RunAsync(text, options).GetAwaiter().GetResult()),
            () => PerCall(() => theirs.RunAsync(text, options).GetAwaiter().GetResult())));
    }

    private static (List<double> Ours, List<double> Export) Alternate(int rounds, Func<double> ours, Func<double> export)
    {
        var a = new List<double>();
        var b = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            if (r % 2 == 0)
            {
                a.Add(ours());
                b.Add(export());
            }
            else
            {
                b.Add(export());
                a.Add(ours());
            }
        }

        return (a, b);
    }

    private static double PerCall(InferenceSession session, IReadOnlyCollection<NamedOnnxValue> inputs) =>
        PerCall(() =>
        {
            using var results = session.Run(inputs);
        });

    private static double PerCall(Action call)
    {
        call();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < CallsPerRound; i++)
        {
            call();
        }

        return watch.Elapsed.TotalMilliseconds / CallsPerRound;
    }

    private static List<NamedOnnxValue> Inputs(int batch, int length)
    {
        var ids = Enumerable.Range(0, batch * length).Select(i => i % length == 0 ? 101L : 1000L + (i * 7919 % 20000)).ToArray();
        return
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, [batch, length])),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(Enumerable.Repeat(1L, ids.Length).ToArray(), [batch, length])),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[ids.Length], [batch, length])),
        ];
    }

    private static void Report(string what, (List<double> Ours, List<double> Export) times)
    {
        var ratios = times.Ours.Zip(times.Export, (o, e) => o / e).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: ours {Median(times.Ours):0.000} ms, export {Median(times.Export):0.000} ms, ratio {Median(times.Ours) / Median(times.Export):0.00}x (per-round ratios {Median(ratios):0.00}x median, {ratios.Min():0.00}-{ratios.Max():0.00})"));
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
