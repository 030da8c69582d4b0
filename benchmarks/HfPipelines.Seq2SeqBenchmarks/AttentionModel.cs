using HfPipelines.Testing.OnnxBuilder;

/// <summary>
/// An export whose decoder has real self-attention over its past (issue 22): <see cref="Layers"/> single-head layers of
/// width <see cref="Width"/>, each with query, key and value projections, softmax over every cached position and a
/// residual, then a projection to a 512-token vocabulary; random weights (fixed seed). Layouts: "with-past"
/// (decoder_model + decoder_with_past_model) and "no-cache" (the whole sequence at every step).
/// </summary>
internal static class AttentionModel
{
    public const int Layers = 6;
    public const int Width = 256;
    private const int Vocabulary = 512;

    public static string Write(string layout)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hfp-s2s-attn-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var random = new Random(22);
        var embed = Weights(random, Vocabulary * Width, 1f);
        File.WriteAllBytes(Path.Combine(folder, "encoder_model.onnx"), new OnnxGraphBuilder()
            .Input("input_ids", OnnxGraphBuilder.Int64, "batch", "s")
            .Input("attention_mask", OnnxGraphBuilder.Int64, "batch", "s")
            .FloatTensor("embed", embed, Vocabulary, Width)
            .Node("Gather", ["embed", "input_ids"], ["last_hidden_state"], ("axis", 0L))
            .Output("last_hidden_state", OnnxGraphBuilder.Float, "batch", "s", Width)
            .Build());
        var layers = Enumerable.Range(0, Layers).Select(_ => (Q: Weights(random, Width * Width, 0.06f), K: Weights(random, Width * Width, 0.06f), V: Weights(random, Width * Width, 0.06f))).ToArray();
        var output = Weights(random, Width * Vocabulary, 0.06f);
        var withPast = layout == "with-past";
        File.WriteAllBytes(Path.Combine(folder, "decoder_model.onnx"), Decoder(embed, layers, output, withPast));
        if (withPast)
        {
            File.WriteAllBytes(Path.Combine(folder, "decoder_with_past_model.onnx"), Decoder(embed, layers, output, withPast: true));
        }

        File.WriteAllText(Path.Combine(folder, "config.json"), """{"model_type": "bart", "decoder_start_token_id": 0, "eos_token_id": 511, "pad_token_id": 0}""");
        return folder;
    }

    private static float[] Weights(Random random, int count, float scale) => [.. Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1) * scale)];

    private static byte[] Decoder(float[] embed, (float[] Q, float[] K, float[] V)[] layers, float[] output, bool withPast)
    {
        var g = new OnnxGraphBuilder()
            .Input("input_ids", OnnxGraphBuilder.Int64, "batch", "t")
            .FloatTensor("embed", embed, Vocabulary, Width)
            .FloatTensor("out", output, Width, Vocabulary)
            .Int64Tensor("axes1", [1], 1)
            .Node("Gather", ["embed", "input_ids"], ["h0"], ("axis", 0L));
        for (var l = 0; l < layers.Length; l++)
        {
            var (h, p) = ($"h{l}", $"l{l}_");
            g.FloatTensor(p + "wq", layers[l].Q, Width, Width).FloatTensor(p + "wk", layers[l].K, Width, Width).FloatTensor(p + "wv", layers[l].V, Width, Width)
                .Node("MatMul", [h, p + "wq"], [p + "q3"]).Node("MatMul", [h, p + "wk"], [p + "k3"]).Node("MatMul", [h, p + "wv"], [p + "v3"])
                .Node("Unsqueeze", [p + "q3", "axes1"], [p + "q"]).Node("Unsqueeze", [p + "k3", "axes1"], [p + "k"]).Node("Unsqueeze", [p + "v3", "axes1"], [p + "v"]);
            var (key, value) = ($"present.{l}.decoder.key", $"present.{l}.decoder.value");
            if (withPast)
            {
                g.Input($"past_key_values.{l}.decoder.key", OnnxGraphBuilder.Float, "batch", 1, "p", Width)
                    .Input($"past_key_values.{l}.decoder.value", OnnxGraphBuilder.Float, "batch", 1, "p", Width)
                    .Node("Concat", [$"past_key_values.{l}.decoder.key", p + "k"], [key], ("axis", 2L))
                    .Node("Concat", [$"past_key_values.{l}.decoder.value", p + "v"], [value], ("axis", 2L));
            }
            else
            {
                g.Node("Identity", [p + "k"], [key]).Node("Identity", [p + "v"], [value]);
            }

            g.Node("Transpose", [key], [p + "kt"], ("perm", new long[] { 0, 1, 3, 2 }))
                .Node("MatMul", [p + "q", p + "kt"], [p + "scores"])
                .Node("Softmax", [p + "scores"], [p + "probs"], ("axis", -1L))
                .Node("MatMul", [p + "probs", value], [p + "ctx4"])
                .Node("Squeeze", [p + "ctx4", "axes1"], [p + "ctx"])
                .Node("Add", [h, p + "ctx"], [$"h{l + 1}"])
                .Output(key, OnnxGraphBuilder.Float, "batch", 1, "q", Width)
                .Output(value, OnnxGraphBuilder.Float, "batch", 1, "q", Width);
        }

        return g.Node("MatMul", [$"h{layers.Length}", "out"], ["logits"])
            .Output("logits", OnnxGraphBuilder.Float, "batch", "t", Vocabulary)
            .Build();
    }
}
