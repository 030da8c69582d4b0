using HfPipelines.Testing.OnnxBuilder;

namespace HfPipelines.Tests.Seq2Seq;

/// <summary>
/// Tiny encoder-decoder exports with the real Optimum input/output names and cache shapes, whose logits are
/// known by construction:
/// <c>logits = Table[last decoder token] + max over source tokens of Embed[source token] + W * (sum of all decoder tokens so far)</c>.
/// The last term only comes out right when the key/value cache holds every earlier token (present = past ++ new),
/// so a cache that is dropped, reordered wrongly or fed twice changes the output.
/// </summary>
internal static class TinySeq2SeqModels
{
    public const int Pad = 0;
    public const int Eos = 1;
    public const int Start = 2;
    public const int Vocabulary = 8;

    private const int Bool = 9;

    /// <summary>After each token, the preferred next ones (the bigram table).</summary>
    public static float[,] Table()
    {
        var table = new float[Vocabulary, Vocabulary];
        table[Start, 3] = 2.0f;
        table[Start, 7] = 1.5f;
        table[3, 4] = 2.0f;
        table[3, 6] = 1.0f;
        table[4, 5] = 2.0f;
        table[5, Eos] = 2.0f;
        table[6, Eos] = 5.0f;
        table[6, 6] = -10f; // keeps the growing cache term from making 6 follow 6 for ever
        table[7, Eos] = 3.0f;
        return table;
    }

    /// <summary>Source token 7 pushes output token 7 up by 1; padding contributes nothing (very low).</summary>
    public static float[,] Embed()
    {
        var embed = new float[Vocabulary, Vocabulary];
        for (var t = 0; t < Vocabulary; t++)
        {
            embed[Pad, t] = -100f;
        }

        embed[7, 7] = 1.0f;
        return embed;
    }

    /// <summary>Token 6 gains 0.25 per unit of the decoder-token sum: after [2, 3] (sum 5) it beats 4.</summary>
    public static float[] CacheWeights()
    {
        var w = new float[Vocabulary];
        w[6] = 0.25f;
        return w;
    }

    /// <summary>Writes a model folder: config.json, generation_config.json and the ONNX files of the layout.</summary>
    public static string Folder(string layout)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hfp-s2s-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "onnx"));
        File.WriteAllBytes(Path.Combine(folder, "onnx", "encoder_model.onnx"), Encoder());
        switch (layout)
        {
            case "merged":
                File.WriteAllBytes(Path.Combine(folder, "onnx", "decoder_model_merged.onnx"), Decoder(withPast: true, encoderStates: true, mergedFlag: true));
                break;
            case "with-past":
                File.WriteAllBytes(Path.Combine(folder, "onnx", "decoder_model.onnx"), Decoder(withPast: false, encoderStates: true, mergedFlag: false));
                File.WriteAllBytes(Path.Combine(folder, "onnx", "decoder_with_past_model.onnx"), Decoder(withPast: true, encoderStates: false, mergedFlag: false));
                break;
            case "no-cache":
                File.WriteAllBytes(Path.Combine(folder, "onnx", "decoder_model.onnx"), Decoder(withPast: false, encoderStates: true, mergedFlag: false));
                break;
            default:
                throw new ArgumentException(layout, nameof(layout));
        }

        File.WriteAllText(Path.Combine(folder, "config.json"), $$"""{"model_type": "bart", "vocab_size": {{Vocabulary}}, "max_position_embeddings": 64, "decoder_start_token_id": {{Start}}, "eos_token_id": {{Eos}}, "pad_token_id": {{Pad}}}""");
        File.WriteAllText(Path.Combine(folder, "generation_config.json"), $$"""{"decoder_start_token_id": {{Start}}, "eos_token_id": {{Eos}}, "pad_token_id": {{Pad}}, "max_length": 10}""");
        return folder;
    }

    private static byte[] Encoder() =>
        new OnnxGraphBuilder()
            .Input("input_ids", OnnxGraphBuilder.Int64, "batch", "encoder_sequence")
            .Input("attention_mask", OnnxGraphBuilder.Int64, "batch", "encoder_sequence")
            .FloatTensor("embed", Flatten(Embed()), Vocabulary, Vocabulary)
            .Node("Gather", ["embed", "input_ids"], ["last_hidden_state"], ("axis", 0L))
            .Output("last_hidden_state", OnnxGraphBuilder.Float, "batch", "encoder_sequence", Vocabulary)
            .Build();

    /// <summary>A Whisper-style encoder: <c>last_hidden_state = input_features^T x weights</c> ([batch, frames, vocabulary]).</summary>
    public static byte[] FeatureEncoder(float[,] weights) =>
        new OnnxGraphBuilder()
            .Input("input_features", OnnxGraphBuilder.Float, "batch", weights.GetLength(0), "frames")
            .FloatTensor("weights", Flatten(weights), weights.GetLength(0), weights.GetLength(1))
            .Node("Transpose", ["input_features"], ["frames_first"], ("perm", new long[] { 0, 2, 1 }))
            .Node("MatMul", ["frames_first", "weights"], ["last_hidden_state"])
            .Output("last_hidden_state", OnnxGraphBuilder.Float, "batch", "frames", weights.GetLength(1))
            .Build();

    /// <summary>A merged decoder whose present.* outputs have twice the rows of its input (a broken export).</summary>
    public static byte[] DoubledCacheDecoder() =>
        new OnnxGraphBuilder()
            .Input("input_ids", OnnxGraphBuilder.Int64, "batch", "decoder_sequence")
            .Input("encoder_hidden_states", OnnxGraphBuilder.Float, "batch", "encoder_sequence", Vocabulary)
            .Input("past_key_values.0.decoder.key", OnnxGraphBuilder.Float, "batch", 1, "past_sequence", 1)
            .Input("use_cache_branch", Bool, 1)
            .FloatTensor("table", Flatten(Table()), Vocabulary, Vocabulary)
            .Int64Tensor("axes_1_3", [1, 3], 2)
            .Node("Gather", ["table", "input_ids"], ["logits"], ("axis", 0L))
            .Node("Cast", ["input_ids"], ["ids_f"], ("to", 1L))
            .Node("Unsqueeze", ["ids_f", "axes_1_3"], ["new_kv"])
            .Node("Concat", ["past_key_values.0.decoder.key", "new_kv"], ["kv"], ("axis", 2L))
            .Node("Concat", ["kv", "kv"], ["present.0.decoder.key"], ("axis", 0L))
            .Output("logits", OnnxGraphBuilder.Float, "batch", "decoder_sequence", Vocabulary)
            .Output("present.0.decoder.key", OnnxGraphBuilder.Float, "rows", 1, "present_sequence", 1)
            .Build();

    /// <summary>A merged decoder (Whisper export names: no encoder attention mask) over a bigram table, no cache term.</summary>
    public static byte[] MergedDecoder(float[,] table, bool encoderMask) =>
        Decoder(withPast: true, encoderStates: true, mergedFlag: true, table, new float[table.GetLength(0)], encoderMask);

    /// <summary>
    /// A model folder for a real tokenizer's vocabulary: the decoder follows <paramref name="script"/> (then EOS) from
    /// the start token, but only when the source contains <paramref name="trigger"/> (it lifts the first script
    /// token above EOS); otherwise it ends at once. Low rank (tokens -> a few states -> logits), so a 32k vocabulary
    /// stays small.
    /// </summary>
    public static string ScriptedFolder(string tokenizerFolder, int vocabulary, int start, int eos, int pad, int[] script, int trigger, string configJson)
    {
        var states = script.Length + 2; // 0: start, 1..n: after script[i-1], n+1: anything else
        var decoderStates = new float[vocabulary, states];
        for (var t = 0; t < vocabulary; t++)
        {
            decoderStates[t, states - 1] = 1f;
        }

        SetState(decoderStates, start, 0);
        for (var i = 0; i < script.Length; i++)
        {
            SetState(decoderStates, script[i], i + 1);
        }

        var next = new float[states, vocabulary];
        // Large margins: next tokens are near-certain even against a 32k vocabulary, so beam search agrees with greedy.
        next[0, eos] = 10f;
        for (var i = 1; i < script.Length; i++)
        {
            next[i, script[i]] = 30f;
        }

        next[script.Length, eos] = 30f;
        next[states - 1, eos] = 30f;
        var sourceStates = new float[vocabulary, 1];
        sourceStates[trigger, 0] = 1f;
        var sourceBias = new float[1, vocabulary];
        sourceBias[0, script[0]] = 15f; // beats EOS (10) at the start, loses to every scripted step (30)

        var folder = Path.Combine(Path.GetTempPath(), "hfp-s2s-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "onnx"));
        foreach (var file in Directory.GetFiles(tokenizerFolder))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        File.WriteAllBytes(Path.Combine(folder, "onnx", "encoder_model.onnx"), new OnnxGraphBuilder()
            .Input("input_ids", OnnxGraphBuilder.Int64, "batch", "encoder_sequence")
            .Input("attention_mask", OnnxGraphBuilder.Int64, "batch", "encoder_sequence")
            .FloatTensor("source_states", Flatten(sourceStates), vocabulary, 1)
            .Node("Gather", ["source_states", "input_ids"], ["last_hidden_state"], ("axis", 0L))
            .Output("last_hidden_state", OnnxGraphBuilder.Float, "batch", "encoder_sequence", 1)
            .Build());
        File.WriteAllBytes(Path.Combine(folder, "onnx", "decoder_model.onnx"), new OnnxGraphBuilder()
            .Input("encoder_attention_mask", OnnxGraphBuilder.Int64, "batch", "encoder_sequence")
            .Input("input_ids", OnnxGraphBuilder.Int64, "batch", "decoder_sequence")
            .Input("encoder_hidden_states", OnnxGraphBuilder.Float, "batch", "encoder_sequence", 1)
            .FloatTensor("decoder_states", Flatten(decoderStates), vocabulary, states)
            .FloatTensor("next", Flatten(next), states, vocabulary)
            .FloatTensor("source_bias", Flatten(sourceBias), 1, vocabulary)
            .Node("Gather", ["decoder_states", "input_ids"], ["state"], ("axis", 0L))
            .Node("MatMul", ["state", "next"], ["from_state"])
            .Node("ReduceMax", ["encoder_hidden_states"], ["has_trigger"], ("axes", new long[] { 1 }), ("keepdims", 1L))
            .Node("MatMul", ["has_trigger", "source_bias"], ["from_source"])
            .Node("Add", ["from_state", "from_source"], ["logits"])
            .Output("logits", OnnxGraphBuilder.Float, "batch", "decoder_sequence", vocabulary)
            .Build());
        File.WriteAllText(Path.Combine(folder, "config.json"), configJson);
        File.WriteAllText(Path.Combine(folder, "generation_config.json"), $$"""{"decoder_start_token_id": {{start}}, "eos_token_id": {{eos}}, "pad_token_id": {{pad}}, "max_length": 40}""");
        return folder;
    }

    private static void SetState(float[,] states, int token, int state)
    {
        for (var s = 0; s < states.GetLength(1); s++)
        {
            states[token, s] = s == state ? 1f : 0f;
        }
    }

    private static byte[] Decoder(bool withPast, bool encoderStates, bool mergedFlag) =>
        Decoder(withPast, encoderStates, mergedFlag, Table(), CacheWeights(), encoderMask: true);

    private static byte[] Decoder(bool withPast, bool encoderStates, bool mergedFlag, float[,] table, float[] cacheWeights, bool encoderMask)
    {
        var vocabulary = table.GetLength(0);
        var g = new OnnxGraphBuilder();
        if (encoderMask)
        {
            g.Input("encoder_attention_mask", OnnxGraphBuilder.Int64, "batch", "encoder_sequence");
        }

        g.Input("input_ids", OnnxGraphBuilder.Int64, "batch", "decoder_sequence")
            .FloatTensor("table", Flatten(table), vocabulary, vocabulary)
            .FloatTensor("w", cacheWeights, vocabulary)
            .Int64Tensor("axes_1_3", [1, 3], 2)
            .Int64Tensor("axes_1", [1], 1)
            .Int64Tensor("axes_1_2", [1, 2], 2)
            .Int64Tensor("axes_1_2_3", [1, 2, 3], 3);
        if (encoderStates)
        {
            g.Input("encoder_hidden_states", OnnxGraphBuilder.Float, "batch", "encoder_sequence", vocabulary);
        }

        if (withPast)
        {
            g.Input("past_key_values.0.decoder.key", OnnxGraphBuilder.Float, "batch", 1, "past_sequence", 1)
                .Input("past_key_values.0.decoder.value", OnnxGraphBuilder.Float, "batch", 1, "past_sequence", 1)
                .Input("past_key_values.0.encoder.key", OnnxGraphBuilder.Float, "batch", 1, "encoder_sequence", vocabulary)
                .Input("past_key_values.0.encoder.value", OnnxGraphBuilder.Float, "batch", 1, "encoder_sequence", vocabulary);
        }

        if (mergedFlag)
        {
            g.Input("use_cache_branch", Bool, 1);
        }

        // The decoder's own cache: one key per token, its id as a float.
        g.Node("Cast", ["input_ids"], ["ids_f"], ("to", 1L))
            .Node("Unsqueeze", ["ids_f", "axes_1_3"], ["new_kv"]);
        if (withPast)
        {
            g.Node("Concat", ["past_key_values.0.decoder.key", "new_kv"], ["present.0.decoder.key"], ("axis", 2L))
                .Node("Concat", ["past_key_values.0.decoder.value", "new_kv"], ["present.0.decoder.value"], ("axis", 2L));
        }
        else
        {
            g.Node("Identity", ["new_kv"], ["present.0.decoder.key"])
                .Node("Identity", ["new_kv"], ["present.0.decoder.value"]);
        }

        // Cross attention: from the encoder states (first step, merged) or from the encoder cache (with past).
        if (encoderStates)
        {
            g.Node("Unsqueeze", ["encoder_hidden_states", "axes_1"], ["present.0.encoder.key"])
                .Node("Identity", ["present.0.encoder.key"], ["present.0.encoder.value"])
                .Node("ReduceMax", ["encoder_hidden_states"], ["enc_bias"], ("axes", new long[] { 1 }), ("keepdims", 1L));
        }
        else
        {
            g.Node("ReduceMax", ["past_key_values.0.encoder.key"], ["enc_bias_4d"], ("axes", new long[] { 2 }), ("keepdims", 0L))
                .Node("Identity", ["enc_bias_4d"], ["enc_bias"]);
        }

        g.Node("ReduceSum", ["present.0.decoder.key", "axes_1_2_3"], ["sum"], ("keepdims", 0L))
            .Node("Unsqueeze", ["sum", "axes_1_2"], ["sum_3d"])
            .Node("Mul", ["sum_3d", "w"], ["cache_term"])
            .Node("Gather", ["table", "input_ids"], ["bigram"], ("axis", 0L))
            .Node("Add", ["bigram", "enc_bias"], ["partial"])
            .Node("Add", ["partial", "cache_term"], ["logits"])
            .Output("logits", OnnxGraphBuilder.Float, "batch", "decoder_sequence", vocabulary)
            .Output("present.0.decoder.key", OnnxGraphBuilder.Float, "batch", 1, "present_sequence", 1)
            .Output("present.0.decoder.value", OnnxGraphBuilder.Float, "batch", 1, "present_sequence", 1);
        if (encoderStates)
        {
            g.Output("present.0.encoder.key", OnnxGraphBuilder.Float, "batch", 1, "encoder_sequence", vocabulary)
                .Output("present.0.encoder.value", OnnxGraphBuilder.Float, "batch", 1, "encoder_sequence", vocabulary);
        }

        return g.Build();
    }

    private static float[] Flatten(float[,] table)
    {
        var flat = new float[table.Length];
        Buffer.BlockCopy(table, 0, flat, 0, flat.Length * sizeof(float));
        return flat;
    }
}
