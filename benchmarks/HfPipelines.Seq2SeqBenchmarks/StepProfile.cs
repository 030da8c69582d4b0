using System.Diagnostics;
using System.Globalization;
using HfPipelines.Seq2Seq.Onnx;
using Microsoft.ML.OnnxRuntime;

/// <summary>
/// Where the per-step growth comes from (issue 22): on the <see cref="AttentionModel"/> export with its cache, the time of
/// our <c>Step</c> against a bare ONNX Runtime loop on the same files (decoder, then decoder with past, the present
/// <see cref="OrtValue"/>s passed back as the next inputs, nothing else), the two alternating run by run.
/// </summary>
internal static class StepProfile
{
    private const int Steps = StepTimes.Steps;
    private const int Runs = 7;

    public static void Run()
    {
        var folder = AttentionModel.Write("with-past");
        try
        {
            using var model = OnnxSeq2SeqModel.Load(folder);
            using var options = new SessionOptions();
            using var first = new InferenceSession(Path.Combine(folder, "decoder_model.onnx"), options);
            using var withPast = new InferenceSession(Path.Combine(folder, "decoder_with_past_model.onnx"), options);
            var ours = new List<double[]>();
            var bare = new List<double[]>();
            for (var run = 0; run <= Runs; run++)
            {
                var (a, b) = (StepTimes.Times(model), Bare(first, withPast));
                if (run > 0)
                {
                    ours.Add(a);
                    bare.Add(b);
                }
            }

            Console.WriteLine("| loop | ms per token at step 20 | at step 200 | step 200 / step 20 |");
            Console.WriteLine("|---|---:|---:|---:|");
            Print("ours (OnnxSeq2SeqSession.Step)", ours);
            Print("bare ONNX Runtime loop, same files", bare);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Print(string name, List<double[]> runs)
    {
        var at20 = StepTimes.Median(runs.SelectMany(r => r[16..26]));
        var at200 = StepTimes.Median(runs.SelectMany(r => r[196..206]));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {at20:0.000} | {at200:0.000} | {StepTimes.RatioOfRuns(runs):0.00} |"));
    }

    private static double[] Bare(InferenceSession first, InferenceSession withPast)
    {
        var times = new double[Steps + 1];
        var past = new Dictionary<string, OrtValue>();
        foreach (var name in first.InputNames.Where(n => n.StartsWith("past_key_values.", StringComparison.Ordinal)))
        {
            past[name] = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, [1, 1, 0, AttentionModel.Width]);
        }

        var token = 0L;
        using var runOptions = new RunOptions();
        for (var step = 1; step <= Steps; step++)
        {
            var clock = Stopwatch.StartNew();
            var session = step == 1 ? first : withPast;
            using var ids = OrtValue.CreateTensorValueFromMemory(new[] { token }, [1, 1]);
            var names = new List<string> { "input_ids" };
            var values = new List<OrtValue> { ids };
            foreach (var (name, value) in past)
            {
                names.Add(name);
                values.Add(value);
            }

            var outputNames = session.OutputNames;
            var outputs = session.Run(runOptions, names.ToArray(), values.ToArray(), outputNames.ToArray());
            var logitsAt = IndexOfLogits(outputNames);
            var logits = outputs[logitsAt].GetTensorDataAsSpan<float>();
            var best = StepTimes.ArgMax(logits);

            foreach (var value in past.Values)
            {
                value.Dispose();
            }

            past.Clear();
            for (var i = 0; i < outputs.Count; i++)
            {
                if (i != logitsAt)
                {
                    past[outputNames[i].Replace("present.", "past_key_values.", StringComparison.Ordinal)] = outputs[i];
                }
            }

            outputs[logitsAt].Dispose();
            times[step] = clock.Elapsed.TotalMilliseconds;
            token = best;
        }

        foreach (var value in past.Values)
        {
            value.Dispose();
        }

        return times;
    }

    private static int IndexOfLogits(IReadOnlyList<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == "logits")
            {
                return i;
            }
        }

        throw new InvalidOperationException("no logits output");
    }
}
