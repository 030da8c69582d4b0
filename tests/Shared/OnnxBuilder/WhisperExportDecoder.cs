namespace HfPipelines.Testing.OnnxBuilder;

/// <summary>
/// The common part of the tiny Whisper decoders built by tests and benchmarks in the layout of a Hugging Face ONNX
/// export (<c>decoder_model_merged.onnx</c>: <c>input_ids</c>, <c>encoder_hidden_states</c>, one layer of self and
/// cross caches, <c>use_cache_branch</c>): the self cache keeps one entry per token seen, so its length is the position
/// of the first new token; the cross cache is the encoder's output; and <c>script_rows</c> [batch, new tokens, width]
/// holds, for each new decoder position p, encoder frame p, from which the caller builds <c>logits</c> (and any other
/// output). Defines the initializers <c>axes_1</c>, <c>axes_1_3</c>, <c>index_1</c>, <c>index_2</c> and <c>one</c>.
/// </summary>
internal static class WhisperExportDecoder
{
    private const int Bool = 9;

    /// <summary>A builder with the inputs, the cache and position nodes, <c>script_rows</c> and the four present outputs.</summary>
    /// <param name="width">Channels of the encoder's output.</param>
    public static OnnxGraphBuilder WithScriptRows(int width) =>
        new OnnxGraphBuilder()
            .Input("input_ids", OnnxGraphBuilder.Int64, "batch", "decoder_sequence")
            .Input("encoder_hidden_states", OnnxGraphBuilder.Float, "batch", "encoder_sequence", width)
            .Input("past_key_values.0.decoder.key", OnnxGraphBuilder.Float, "batch", 1, "past_sequence", 1)
            .Input("past_key_values.0.decoder.value", OnnxGraphBuilder.Float, "batch", 1, "past_sequence", 1)
            .Input("past_key_values.0.encoder.key", OnnxGraphBuilder.Float, "batch", 1, "encoder_sequence", width)
            .Input("past_key_values.0.encoder.value", OnnxGraphBuilder.Float, "batch", 1, "encoder_sequence", width)
            .Input("use_cache_branch", Bool, 1)
            .Int64Tensor("axes_1", [1], 1)
            .Int64Tensor("axes_1_3", [1, 3], 2)
            .Int64Tensor("index_1", [1])
            .Int64Tensor("index_2", [2])
            .Int64Tensor("one", [1])

            // The cache: one key per decoder token; its length is the position of the first new token.
            .Node("Cast", ["input_ids"], ["ids_f"], ("to", 1L))
            .Node("Unsqueeze", ["ids_f", "axes_1_3"], ["new_kv"])
            .Node("Concat", ["past_key_values.0.decoder.key", "new_kv"], ["present.0.decoder.key"], ("axis", 2L))
            .Node("Concat", ["past_key_values.0.decoder.value", "new_kv"], ["present.0.decoder.value"], ("axis", 2L))
            .Node("Unsqueeze", ["encoder_hidden_states", "axes_1"], ["present.0.encoder.key"])
            .Node("Identity", ["present.0.encoder.key"], ["present.0.encoder.value"])
            .Node("Shape", ["past_key_values.0.decoder.key"], ["past_shape"])
            .Node("Gather", ["past_shape", "index_2"], ["past_length"], ("axis", 0L))
            .Node("Shape", ["input_ids"], ["ids_shape"])
            .Node("Gather", ["ids_shape", "index_1"], ["new_length"], ("axis", 0L))
            .Node("Add", ["past_length", "new_length"], ["end"])
            .Node("Range", ["past_length", "end", "one"], ["positions"])

            // Each new position reads its encoder frame.
            .Node("Gather", ["encoder_hidden_states", "positions"], ["script_rows"], ("axis", 1L))
            .Output("present.0.decoder.key", OnnxGraphBuilder.Float, "batch", 1, "present_sequence", 1)
            .Output("present.0.decoder.value", OnnxGraphBuilder.Float, "batch", 1, "present_sequence", 1)
            .Output("present.0.encoder.key", OnnxGraphBuilder.Float, "batch", 1, "encoder_sequence", width)
            .Output("present.0.encoder.value", OnnxGraphBuilder.Float, "batch", 1, "encoder_sequence", width);
}
