using HfPipelines.Testing.OnnxBuilder;

/// <summary>
/// An export whose decoder has real self-attention over its past (issue 22): single-head layers, each with query, key
/// and value projections, softmax over every cached position and a residual (and, in the <see cref="T5Small"/> shape,
/// a ReLU feed-forward), then a projection to the vocabulary; random weights (fixed seed). Layouts: "with-past"
/// (decoder_model + decoder_with_past_model) and "no-cache" (the whole sequence at every step).
/// </summary>
internal static class AttentionModel
{
    public const int Layers = 6;
    public const int Width = 256;

    /// <summary>The first measured shape: 6 layers of width 256, no feed-forward, 512 tokens: the attention is most of a step.</summary>
    public static readonly Shape Tiny = new("tiny", Layers, Width, 0, 512);

    /// <summary>t5-small's decoder proportions: 6 layers of width 512, a 2,048-wide feed-forward, 32,128 tokens (no cross attention).</summary>
    public static readonly Shape T5Small = new("t5-small-shaped", 6, 512, 2048, 32128);

    public static string Write(string layout) => Write(layout, Tiny);

    public static string Write(string layout, Shape shape)
    {
        var (layerCount, width, vocabulary) = (shape.Layers, shape.Width, shape.Vocabulary);
        var folder = Path.Combine(Path.GetTempPath(), "hfp-s2s-attn-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var random = new Random(22);
        var embed = Weights(random, vocabulary * width, 1f);
        File.WriteAllBytes(Path.Combine(folder, "encoder_model.onnx"), new OnnxGraphBuilder()
            .Input("input_ids", OnnxGraphBuilder.Int64, "batch", "s")
            .Input("attention_mask", OnnxGraphBuilder.Int64, "batch", "s")
            .FloatTensor("embed", embed, vocabulary, width)
            .Node("Gather", ["embed", "input_ids"], ["last_hidden_state"], ("axis", 0L))
            .Output("last_hidden_state", OnnxGraphBuilder.Float, "batch", "s", width)
            .Build());
        var layers = Enumerable.Range(0, layerCount).Select(_ => new LayerWeights(Weights(random, width * width, 0.06f), Weights(random, width * width, 0.06f), Weights(random, width * width, 0.06f), Weights(random, width * shape.Ffn, 0.06f), Weights(random, width * shape.Ffn, 0.06f))).ToArray();
        var output = Weights(random, width * vocabulary, 0.06f);
        var withPast = layout == "with-past";
        File.WriteAllBytes(Path.Combine(folder, "decoder_model.onnx"), Decoder(shape, embed, layers, output, withPast));
        if (withPast)
        {
            File.WriteAllBytes(Path.Combine(folder, "decoder_with_past_model.onnx"), Decoder(shape, embed, layers, output, withPast: true));
        }

        File.WriteAllText(Path.Combine(folder, "config.json"), """{"model_type": "bart", "decoder_start_token_id": 0, "eos_token_id": 511, "pad_token_id": 0}""");
        return folder;
    }

    private static float[] Weights(Random random, int count, float scale) => [.. Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1) * scale)];

    private static byte[] Decoder(Shape shape, float[] embed, LayerWeights[] layers, float[] output, bool withPast)
    {
        var (width, vocabulary) = (shape.Width, shape.Vocabulary);
        var g = new OnnxGraphBuilder()
            .Input("input_ids", OnnxGraphBuilder.Int64, "batch", "t")
            .FloatTensor("embed", embed, vocabulary, width)
            .FloatTensor("out", output, width, vocabulary)
            .Int64Tensor("axes1", [1], 1)
            .Node("Gather", ["embed", "input_ids"], ["h0"], ("axis", 0L));
        for (var l = 0; l < layers.Length; l++)
        {
            var (h, p) = ($"h{l}", $"l{l}_");
            g.FloatTensor(p + "wq", layers[l].Q, width, width).FloatTensor(p + "wk", layers[l].K, width, width).FloatTensor(p + "wv", layers[l].V, width, width)
                .Node("MatMul", [h, p + "wq"], [p + "q3"]).Node("MatMul", [h, p + "wk"], [p + "k3"]).Node("MatMul", [h, p + "wv"], [p + "v3"])
                .Node("Unsqueeze", [p + "q3", "axes1"], [p + "q"]).Node("Unsqueeze", [p + "k3", "axes1"], [p + "k"]).Node("Unsqueeze", [p + "v3", "axes1"], [p + "v"]);
            var (key, value) = ($"present.{l}.decoder.key", $"present.{l}.decoder.value");
            if (withPast)
            {
                g.Input($"past_key_values.{l}.decoder.key", OnnxGraphBuilder.Float, "batch", 1, "p", width)
                    .Input($"past_key_values.{l}.decoder.value", OnnxGraphBuilder.Float, "batch", 1, "p", width)
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
                .Node("Add", [h, p + "ctx"], [shape.Ffn > 0 ? p + "hs" : $"h{l + 1}"])
                .Output(key, OnnxGraphBuilder.Float, "batch", 1, "q", width)
                .Output(value, OnnxGraphBuilder.Float, "batch", 1, "q", width);
            if (shape.Ffn > 0)
            {
                g.FloatTensor(p + "w1", layers[l].W1, width, shape.Ffn).FloatTensor(p + "w2", layers[l].W2, shape.Ffn, width)
                    .Node("MatMul", [p + "hs", p + "w1"], [p + "f1"]).Node("Relu", [p + "f1"], [p + "f2"])
                    .Node("MatMul", [p + "f2", p + "w2"], [p + "f3"]).Node("Add", [p + "hs", p + "f3"], [$"h{l + 1}"]);
            }
        }

        return g.Node("MatMul", [$"h{layers.Length}", "out"], ["logits"])
            .Output("logits", OnnxGraphBuilder.Float, "batch", "t", vocabulary)
            .Build();
    }
}

/// <summary>The dimensions of an <see cref="AttentionModel"/> export.</summary>
internal sealed record Shape(string Name, int Layers, int Width, int Ffn, int Vocabulary);

/// <summary>One layer's weights.</summary>
internal sealed record LayerWeights(float[] Q, float[] K, float[] V, float[] W1, float[] W2);
