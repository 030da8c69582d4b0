namespace HfPipelines.Testing.OnnxBuilder;

/// <summary>
/// Tiny encoder graphs whose outputs are a known function of the input ids (a lookup table per token), and a
/// helper that lays them out as a Hugging Face model folder (config.json + model.onnx).
/// </summary>
internal static class TinyEncoderModels
{
    /// <summary>logits[b, s, :] = table[input_ids[b, s], :] (token classification, fill-mask).</summary>
    public static byte[] TokenLogits(float[,] table, bool tokenTypeIds = true, string output = "logits") =>
        Inputs(new OnnxGraphBuilder(), tokenTypeIds)
            .FloatTensor("table", Flatten(table), table.GetLength(0), table.GetLength(1))
            .Node("Gather", ["table", "input_ids"], [output], ("axis", 0L))
            .Output(output, OnnxGraphBuilder.Float, "batch", "sequence", table.GetLength(1))
            .Build();

    /// <summary>logits[b, :] = max over tokens of table[input_ids[b, s], :] (sequence classification, NLI). Give the
    /// padding row very low values so that padding never wins.</summary>
    public static byte[] SequenceLogits(float[,] table, bool tokenTypeIds = true) =>
        Inputs(new OnnxGraphBuilder(), tokenTypeIds)
            .FloatTensor("table", Flatten(table), table.GetLength(0), table.GetLength(1))
            .Node("Gather", ["table", "input_ids"], ["per_token"], ("axis", 0L))
            .Node("ReduceMax", ["per_token"], ["logits"], ("axes", new long[] { 1 }), ("keepdims", 0L))
            .Output("logits", OnnxGraphBuilder.Float, "batch", table.GetLength(1))
            .Build();

    /// <summary>start_logits[b, s] = start[input_ids[b, s]], end_logits likewise (extractive QA).</summary>
    public static byte[] SpanLogits(float[] start, float[] end) =>
        Inputs(new OnnxGraphBuilder(), tokenTypeIds: true)
            .FloatTensor("start_table", start, start.Length)
            .FloatTensor("end_table", end, end.Length)
            .Node("Gather", ["start_table", "input_ids"], ["start_logits"], ("axis", 0L))
            .Node("Gather", ["end_table", "input_ids"], ["end_logits"], ("axis", 0L))
            .Output("start_logits", OnnxGraphBuilder.Float, "batch", "sequence")
            .Output("end_logits", OnnxGraphBuilder.Float, "batch", "sequence")
            .Build();

    /// <summary>Writes config.json and model.onnx into a new temporary folder and returns it.</summary>
    public static string Folder(byte[] model, string configJson, string modelPath = "model.onnx")
    {
        var folder = Path.Combine(Path.GetTempPath(), "hfp-tiny-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, modelPath))!);
        File.WriteAllBytes(Path.Combine(folder, modelPath), model);
        File.WriteAllText(Path.Combine(folder, "config.json"), configJson);
        return folder;
    }

    /// <summary>A config.json with these labels in id order.</summary>
    public static string Config(params string[] labels)
    {
        var id2label = string.Join(", ", labels.Select((l, i) => $"\"{i}\": \"{l}\""));
        var label2id = string.Join(", ", labels.Select((l, i) => $"\"{l}\": {i}"));
        return $"{{\"model_type\": \"bert\", \"max_position_embeddings\": 512, \"id2label\": {{{id2label}}}, \"label2id\": {{{label2id}}}}}";
    }

    private static OnnxGraphBuilder Inputs(OnnxGraphBuilder builder, bool tokenTypeIds)
    {
        builder.Input("input_ids", OnnxGraphBuilder.Int64, "batch", "sequence")
            .Input("attention_mask", OnnxGraphBuilder.Int64, "batch", "sequence");
        return tokenTypeIds ? builder.Input("token_type_ids", OnnxGraphBuilder.Int64, "batch", "sequence") : builder;
    }

    private static float[] Flatten(float[,] table)
    {
        var flat = new float[table.Length];
        Buffer.BlockCopy(table, 0, flat, 0, flat.Length * sizeof(float));
        return flat;
    }
}
