using System.Diagnostics;
using System.Globalization;
using HfPipelines.Seq2Seq.Onnx;

/// <summary>Per-step decoder times on <see cref="AttentionModel"/>, with its cache and without (issue 22).</summary>
internal static class StepTimes
{
    internal const int Steps = 210;
    private const int Runs = 5;

    public static void Run()
    {
        Console.WriteLine($"{Environment.ProcessorCount} cores; greedy, batch 1; median over {Runs} runs (no cache on the t5-small shape: 1) of the steps 16-25 and 196-205; the ratio is the median of the runs' own ratios");
        Console.WriteLine("| export | layout | ms per token at step 20 | at step 200 | step 200 / step 20 | ms for 200 tokens |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var (shape, layout) in new[] { (AttentionModel.Tiny, "with-past"), (AttentionModel.Tiny, "no-cache"), (AttentionModel.T5Small, "with-past"), (AttentionModel.T5Small, "no-cache") })
        {
            var folder = AttentionModel.Write(layout, shape);
            try
            {
                using var model = OnnxSeq2SeqModel.Load(folder);
                var count = shape == AttentionModel.T5Small && layout == "no-cache" ? 1 : Runs;
                var runs = Enumerable.Range(0, count + 1).Select(_ => Times(model)).Skip(1).ToList();
                var at20 = Median(runs.SelectMany(r => r[16..26]));
                var at200 = Median(runs.SelectMany(r => r[196..206]));
                var ratio = RatioOfRuns(runs);
                var total = Median(runs.Select(r => r[1..201].Sum()));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {shape.Name} ({shape.Layers} x {shape.Width}, ffn {shape.Ffn}, {shape.Vocabulary} tokens) | {layout} ({model.Kind}) | {at20:0.000} | {at200:0.000} | {ratio:0.00} | {total:0} |"));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Greedy decoding through our session: the milliseconds of each step (index 1 to Steps).</summary>
    internal static double[] Times(OnnxSeq2SeqModel model)
    {
        var times = new double[Steps + 1];
        using var session = model.Start([[5, 6, 7, 8, 1]], [[1, 1, 1, 1, 1]]);
        var sequence = new List<int> { 0 };
        for (var step = 1; step <= Steps; step++)
        {
            var clock = Stopwatch.StartNew();
            var logits = session.Step([sequence], null)[0];
            times[step] = clock.Elapsed.TotalMilliseconds;
            sequence.Add(ArgMax(logits));
        }

        return times;
    }

    /// <summary>The median over the runs of each run's step-200 / step-20 ratio: each ratio comes from one run, well under
    /// a second, so a change of the machine's load between runs cancels out.</summary>
    /// <summary>The index of the largest logit (the first, on ties).</summary>
    internal static int ArgMax(ReadOnlySpan<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            best = logits[i] > logits[best] ? i : best;
        }

        return best;
    }

    internal static double RatioOfRuns(IEnumerable<double[]> runs) => Median(runs.Select(r => Median(r[196..206]) / Median(r[16..26])));

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
