// Decoder steps per second of the encoder-decoder generator with and without the key/value cache, and the cost of
// beam search against greedy, on a synthetic export (the layout of the tests' tiny models, 512-token vocabulary,
// one cached key per token) or on a real Hugging Face export given as the first argument.
//   dotnet run -c Release --project benchmarks/HfPipelines.Seq2SeqBenchmarks [-- MODEL_FOLDER]
// With --steps: the time of each decoder step up to 210 tokens on an export with real self-attention (AttentionModel),
// with its cache and without: per-token time at step 20 and at step 200, and the whole 200 tokens.
using System.Diagnostics;
using System.Globalization;
using HfPipelines.Seq2Seq;
using HfPipelines.Seq2Seq.Onnx;
using HfPipelines.Testing.OnnxBuilder;

const int NewTokens = 64;
const int Runs = 5;
if (args.Length > 0 && args[0] == "--steps")
{
    StepTimes.Run();
    return;
}

if (args.Length > 1 && args[0] == "--whisper")
{
    WhisperSteps.Run(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : null);
    return;
}

if (args.Length > 0 && args[0] == "--profile")
{
    StepProfile.Run();
    return;
}

if (args.Length > 0 && args[0] == "--ids")
{
    IdsCheck.Run(args.Skip(1));
    return;
}

var rows = new List<string> { "| model | decoder | beams | tokens/s (median of 5) |", "|---|---|---|---|" };
if (args.Length > 0)
{
    foreach (var (useCache, beams) in new[] { (true, 1), (false, 1), (true, 4), (false, 4) })
    {
        using var model = OnnxSeq2SeqModel.Load(args[0], useCache: useCache);
        var config = Seq2SeqGenerationConfig.FromModelFolder(args[0]);
        rows.Add(Row(Path.GetFileName(args[0]), model, config, beams, useCache ? model.Kind.ToString() : "NoCache"));
    }
}
else
{
    foreach (var layout in new[] { "merged", "with-past", "no-cache" })
    {
        var folder = SyntheticModel.Write(layout);
        using var model = OnnxSeq2SeqModel.Load(folder);
        var config = Seq2SeqGenerationConfig.FromModelFolder(folder);
        foreach (var beams in new[] { 1, 4 })
        {
            rows.Add(Row("synthetic", model, config, beams, model.Kind.ToString()));
        }

        Directory.Delete(folder, recursive: true);
    }
}

Console.WriteLine($"{Environment.ProcessorCount} cores, {NewTokens} new tokens per run, batch 1");
rows.ForEach(Console.WriteLine);

static string Row(string name, OnnxSeq2SeqModel model, Seq2SeqGenerationConfig config, int beams, string decoder)
{
    config.NumBeams = beams;
    config.MinLength = NewTokens + 1;
    config.MaxNewTokens = NewTokens;
    var times = new List<double>();
    for (var run = 0; run <= Runs; run++)
    {
        var watch = Stopwatch.StartNew();
        using var session = model.Start([[5, 6, 7, 8, 1]], [[1, 1, 1, 1, 1]], beams);
        Seq2SeqGenerator.Generate(session, 1, config);
        if (run > 0)
        {
            times.Add(NewTokens / watch.Elapsed.TotalSeconds);
        }
    }

    times.Sort();
    return string.Create(CultureInfo.InvariantCulture, $"| {name} | {decoder} | {beams} | {times[times.Count / 2]:0} |");
}

/// <summary>An export whose decoder walks the vocabulary (t -> t+1) and keeps a 512-float key per token.</summary>
internal static class SyntheticModel
{
    private const int Vocabulary = 512;

    public static string Write(string layout)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hfp-s2s-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var identity = new float[Vocabulary * Vocabulary];
        var shift = new float[Vocabulary * Vocabulary];
        for (var t = 0; t < Vocabulary; t++)
        {
            identity[(t * Vocabulary) + t] = 1f;
            shift[(t * Vocabulary) + ((t + 1) % Vocabulary)] = 1f;
        }

        File.WriteAllBytes(Path.Combine(folder, "encoder_model.onnx"), new OnnxGraphBuilder()
            .Input("input_ids", OnnxGraphBuilder.Int64, "batch", "s")
            .Input("attention_mask", OnnxGraphBuilder.Int64, "batch", "s")
            .FloatTensor("embed", identity, Vocabulary, Vocabulary)
            .Node("Gather", ["embed", "input_ids"], ["last_hidden_state"], ("axis", 0L))
            .Output("last_hidden_state", OnnxGraphBuilder.Float, "batch", "s", Vocabulary)
            .Build());
        var withPast = layout != "no-cache";
        File.WriteAllBytes(Path.Combine(folder, layout == "merged" ? "decoder_model_merged.onnx" : "decoder_model.onnx"), Decoder(identity, shift, withPast, layout == "merged"));
        if (layout == "with-past")
        {
            File.WriteAllBytes(Path.Combine(folder, "decoder_with_past_model.onnx"), Decoder(identity, shift, withPast: true, merged: false));
        }

        File.WriteAllText(Path.Combine(folder, "config.json"), """{"model_type": "bart", "decoder_start_token_id": 0, "eos_token_id": 511, "pad_token_id": 0}""");
        return folder;
    }

    private static byte[] Decoder(float[] identity, float[] shift, bool withPast, bool merged)
    {
        var g = new OnnxGraphBuilder()
            .Input("encoder_attention_mask", OnnxGraphBuilder.Int64, "batch", "s")
            .Input("input_ids", OnnxGraphBuilder.Int64, "batch", "t")
            .Input("encoder_hidden_states", OnnxGraphBuilder.Float, "batch", "s", Vocabulary)
            .FloatTensor("embed", identity, Vocabulary, Vocabulary)
            .FloatTensor("shift", shift, Vocabulary, Vocabulary)
            .Int64Tensor("axes1", [1], 1)
            .Node("Gather", ["embed", "input_ids"], ["hidden"], ("axis", 0L))
            .Node("Unsqueeze", ["hidden", "axes1"], ["new_kv"])
            .Node("MatMul", ["hidden", "shift"], ["logits"]);
        if (withPast)
        {
            g.Input("past_key_values.0.decoder.key", OnnxGraphBuilder.Float, "batch", 1, "p", Vocabulary)
                .Input("past_key_values.0.decoder.value", OnnxGraphBuilder.Float, "batch", 1, "p", Vocabulary)
                .Node("Concat", ["past_key_values.0.decoder.key", "new_kv"], ["present.0.decoder.key"], ("axis", 2L))
                .Node("Concat", ["past_key_values.0.decoder.value", "new_kv"], ["present.0.decoder.value"], ("axis", 2L));
        }
        else
        {
            g.Node("Identity", ["new_kv"], ["present.0.decoder.key"]).Node("Identity", ["new_kv"], ["present.0.decoder.value"]);
        }

        if (merged)
        {
            g.Input("use_cache_branch", 9, 1);
        }

        return g.Output("logits", OnnxGraphBuilder.Float, "batch", "t", Vocabulary)
            .Output("present.0.decoder.key", OnnxGraphBuilder.Float, "batch", 1, "q", Vocabulary)
            .Output("present.0.decoder.value", OnnxGraphBuilder.Float, "batch", 1, "q", Vocabulary)
            .Build();
    }
}
