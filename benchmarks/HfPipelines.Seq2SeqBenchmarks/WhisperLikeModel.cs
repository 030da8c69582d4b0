using HfPipelines.Testing.OnnxBuilder;

/// <summary>
/// A Hugging Face-layout Whisper export with real attention and whisper-tiny's proportions (issue 22): 4 decoder layers
/// of width 384 (one head), self-attention over the cached past, cross-attention over 1,500 encoder frames, a
/// 1,536-wide feed-forward, the 51,865-token vocabulary (logits tied to the embedding) and random weights (fixed seed).
/// The encoder folds two mel frames into one and projects them (no convolutions: it only has to give the decoder
/// 1,500 frames). Layouts: "with-past" (decoder_model + decoder_with_past_model, the encoder's keys and values from the
/// first step) and "no-cache" (decoder_model alone: the whole sequence, and the cross keys and values, every step).
/// Special tokens and timestamps get a bias of -1e4, so greedy decoding never ends early.
/// </summary>
internal static class WhisperLikeModel
{
    public const int Layers = 4;
    public const int Width = 384;
    public const int Frames = 1500;
    private const int Vocabulary = 51865;
    private const int FirstSpecial = 50257;
    private const int Ffn = 1536;

    /// <summary>Writes the export's onnx/ files into a copy of <paramref name="templateFolder"/>'s json and tokenizer files.</summary>
    public static string Write(string templateFolder, string layout)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hfp-whisper-steps-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "onnx"));
        foreach (var file in Directory.GetFiles(templateFolder))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var random = new Random(22);
        File.WriteAllBytes(Path.Combine(folder, "onnx", "encoder_model.onnx"), new OnnxGraphBuilder()
            .Input("input_features", OnnxGraphBuilder.Float, "batch", 80, 3000)
            .FloatTensor("in_proj", Weights(random, 160 * Width, 0.05f), 160, Width)
            .Int64Tensor("folded", [0, Frames, 160], 3)
            .Node("Transpose", ["input_features"], ["frames"], ("perm", new long[] { 0, 2, 1 }))
            .Node("Reshape", ["frames", "folded"], ["pairs"])
            .Node("MatMul", ["pairs", "in_proj"], ["last_hidden_state"])
            .Output("last_hidden_state", OnnxGraphBuilder.Float, "batch", Frames, Width)
            .Build());
        var weights = new DecoderWeights(random);
        File.WriteAllBytes(Path.Combine(folder, "onnx", "decoder_model.onnx"), Decoder(weights, withPast: false));
        if (layout == "with-past")
        {
            File.WriteAllBytes(Path.Combine(folder, "onnx", "decoder_with_past_model.onnx"), Decoder(weights, withPast: true));
        }

        return folder;
    }

    private static float[] Weights(Random random, int count, float scale)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1) * scale;
        }

        return values;
    }

    private static byte[] Decoder(DecoderWeights w, bool withPast)
    {
        var g = new OnnxGraphBuilder()
            .Input("input_ids", OnnxGraphBuilder.Int64, "batch", "t")
            .FloatTensor("embed", w.Embed, Vocabulary, Width)
            .FloatTensor("bias", w.Bias, Vocabulary)
            .Int64Tensor("axes1", [1], 1)
            .Node("Gather", ["embed", "input_ids"], ["h0"], ("axis", 0L));
        if (!withPast)
        {
            g.Input("encoder_hidden_states", OnnxGraphBuilder.Float, "batch", Frames, Width);
        }

        for (var l = 0; l < Layers; l++)
        {
            Layer(g, w, l, withPast);
        }

        return g.Node("Transpose", ["embed"], ["unembed"], ("perm", new long[] { 1, 0 }))
            .Node("MatMul", [$"h{Layers}", "unembed"], ["scores"])
            .Node("Add", ["scores", "bias"], ["logits"])
            .Output("logits", OnnxGraphBuilder.Float, "batch", "t", Vocabulary)
            .Build();
    }

    /// <summary>Layer <paramref name="l"/>: self-attention over the past, cross-attention over the encoder's keys and
    /// values (computed here at the first step, inputs later), a ReLU feed-forward; h{l} in, h{l+1} out.</summary>
    private static void Layer(OnnxGraphBuilder g, DecoderWeights w, int l, bool withPast)
    {
        var p = $"l{l}_";
        foreach (var (name, data, rows, cols) in w.Layer(l))
        {
            g.FloatTensor(p + name, data, rows, cols);
        }

        var (key, value) = ($"present.{l}.decoder.key", $"present.{l}.decoder.value");
        string crossKey, crossValue;
        Project(g, $"h{l}", p + "wq", p + "q");
        Project(g, $"h{l}", p + "wk", p + "k");
        Project(g, $"h{l}", p + "wv", p + "v");
        if (withPast)
        {
            g.Input($"past_key_values.{l}.decoder.key", OnnxGraphBuilder.Float, "batch", 1, "p", Width)
                .Input($"past_key_values.{l}.decoder.value", OnnxGraphBuilder.Float, "batch", 1, "p", Width)
                .Input($"past_key_values.{l}.encoder.key", OnnxGraphBuilder.Float, "batch", 1, Frames, Width)
                .Input($"past_key_values.{l}.encoder.value", OnnxGraphBuilder.Float, "batch", 1, Frames, Width)
                .Node("Concat", [$"past_key_values.{l}.decoder.key", p + "k"], [key], ("axis", 2L))
                .Node("Concat", [$"past_key_values.{l}.decoder.value", p + "v"], [value], ("axis", 2L));
            (crossKey, crossValue) = ($"past_key_values.{l}.encoder.key", $"past_key_values.{l}.encoder.value");
        }
        else
        {
            g.Node("Identity", [p + "k"], [key]).Node("Identity", [p + "v"], [value]);
            Project(g, "encoder_hidden_states", p + "ck", p + "ek");
            Project(g, "encoder_hidden_states", p + "cv", p + "ev");
            (crossKey, crossValue) = ($"present.{l}.encoder.key", $"present.{l}.encoder.value");
            g.Node("Identity", [p + "ek"], [crossKey]).Node("Identity", [p + "ev"], [crossValue])
                .Output(crossKey, OnnxGraphBuilder.Float, "batch", 1, Frames, Width)
                .Output(crossValue, OnnxGraphBuilder.Float, "batch", 1, Frames, Width);
        }

        Attend(g, p + "self_", p + "q", key, value, $"h{l}", p + "hs");
        Project(g, p + "hs", p + "cq", p + "qc");
        Attend(g, p + "cross_", p + "qc", crossKey, crossValue, p + "hs", p + "hc");
        g.Node("MatMul", [p + "hc", p + "w1"], [p + "f1"]).Node("Relu", [p + "f1"], [p + "f2"])
            .Node("MatMul", [p + "f2", p + "w2"], [p + "f3"]).Node("Add", [p + "hc", p + "f3"], [$"h{l + 1}"])
            .Output(key, OnnxGraphBuilder.Float, "batch", 1, "q", Width)
            .Output(value, OnnxGraphBuilder.Float, "batch", 1, "q", Width);
    }

    /// <summary>[batch, n, width] x weights, as [batch, 1, n, width].</summary>
    private static void Project(OnnxGraphBuilder g, string input, string weights, string output) =>
        g.Node("MatMul", [input, weights], [output + "3"]).Node("Unsqueeze", [output + "3", "axes1"], [output]);

    private static void Attend(OnnxGraphBuilder g, string p, string query, string key, string value, string residual, string output) =>
        g.Node("Transpose", [key], [p + "kt"], ("perm", new long[] { 0, 1, 3, 2 }))
            .Node("MatMul", [query, p + "kt"], [p + "scores"])
            .Node("Softmax", [p + "scores"], [p + "probs"], ("axis", -1L))
            .Node("MatMul", [p + "probs", value], [p + "ctx4"])
            .Node("Squeeze", [p + "ctx4", "axes1"], [p + "ctx"])
            .Node("Add", [residual, p + "ctx"], [output]);

    private sealed class DecoderWeights
    {
        private readonly List<(string, float[], long, long)>[] _layers;

        public DecoderWeights(Random random)
        {
            Embed = Weights(random, Vocabulary * Width, 0.05f);
            Bias = new float[Vocabulary];
            Array.Fill(Bias, -1e4f, FirstSpecial, Vocabulary - FirstSpecial);
            _layers = [.. Enumerable.Range(0, Layers).Select(_ => new List<(string, float[], long, long)>
            {
                ("wq", Weights(random, Width * Width, 0.05f), Width, Width), ("wk", Weights(random, Width * Width, 0.05f), Width, Width),
                ("wv", Weights(random, Width * Width, 0.05f), Width, Width), ("cq", Weights(random, Width * Width, 0.05f), Width, Width),
                ("ck", Weights(random, Width * Width, 0.05f), Width, Width), ("cv", Weights(random, Width * Width, 0.05f), Width, Width),
                ("w1", Weights(random, Width * Ffn, 0.05f), Width, Ffn), ("w2", Weights(random, Ffn * Width, 0.05f), Ffn, Width),
            })];
        }

        public float[] Embed { get; }

        public float[] Bias { get; }

        public IEnumerable<(string Name, float[] Data, long Rows, long Cols)> Layer(int layer) => _layers[layer];
    }
}
