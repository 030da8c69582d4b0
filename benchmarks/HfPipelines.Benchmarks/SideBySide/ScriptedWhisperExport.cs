using HfPipelines.Testing;
using HfPipelines.Testing.OnnxBuilder;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>
/// A tiny Whisper folder in the layout of a Hugging Face ONNX export (config.json of <c>model_type</c> whisper,
/// generation_config.json, the real Whisper tokenizer, <c>onnx/encoder_model.onnx</c> taking <c>input_features</c>
/// [batch, 80, 3000], <c>onnx/decoder_model_merged.onnx</c> with a self and a cross cache and <c>use_cache_branch</c>)
/// that plays a fixed script whatever the audio, as <see cref="ScriptedGenAIWhisper"/> does with <c>constantScript</c>:
/// the encoder's output holds the script's token ids (one per encoder frame, the input features multiplied by zero
/// and added, so the encoder still reads them), and decoder position p gives logits peaking at token p of the script.
/// Its graphs cost next to nothing, so a run of the pipeline over it times our code around the model.
/// </summary>
internal static class ScriptedWhisperExport
{
    private const int MelBins = ScriptedGenAIWhisper.MelBins;
    private const int Frames = ScriptedGenAIWhisper.Frames;
    private const int EncoderFrames = ScriptedGenAIWhisper.EncoderFrames;
    private const int Vocabulary = ScriptedGenAIWhisper.Vocabulary;
    private const int Width = 4;

    /// <summary>Writes the folder into a new temporary folder.</summary>
    /// <param name="tokenizer">A folder with the Whisper tokenizer files (the fixture <c>ortgenai/whisper-partial</c>).</param>
    /// <param name="script">What decoder positions 0, 1, ... say (language, task, no-timestamps, text, end of text).</param>
    /// <returns>The folder; the caller deletes it.</returns>
    public static string Create(string tokenizer, IReadOnlyList<int> script)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hfp-onnx-whisper-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "onnx"));
        foreach (var file in new[] { "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "vocab.json" })
        {
            File.Copy(Path.Combine(tokenizer, file), Path.Combine(folder, file));
        }

        File.WriteAllBytes(Path.Combine(folder, "onnx", "encoder_model.onnx"), Encoder(script));
        File.WriteAllBytes(Path.Combine(folder, "onnx", "decoder_model_merged.onnx"), Decoder());
        const string Ids = """ "decoder_start_token_id": 50258, "eos_token_id": 50257, "pad_token_id": 50257, "max_length": 448 """;
        File.WriteAllText(Path.Combine(folder, "config.json"), $$"""{"model_type": "whisper", "num_mel_bins": {{MelBins}}, "vocab_size": {{Vocabulary}}, "max_target_positions": 448, {{Ids}}}""");
        File.WriteAllText(Path.Combine(folder, "generation_config.json"), $$"""{ {{Ids}}, "no_timestamps_token_id": 50363 }""");
        return folder;
    }

    private static byte[] Encoder(IReadOnlyList<int> script)
    {
        var rows = new float[EncoderFrames * Width];
        for (var k = 0; k < script.Count; k++)
        {
            rows[k * Width] = script[k];
        }

        return new OnnxGraphBuilder()
            .Input("input_features", OnnxGraphBuilder.Float, "batch", MelBins, Frames)
            .Int64Tensor("starts", [0, 0], 2)
            .Int64Tensor("ends", [EncoderFrames, Width], 2)
            .Int64Tensor("axes", [1, 2], 2)
            .FloatTensor("script", rows, 1, EncoderFrames, Width)
            .FloatTensor("zero", [0f])
            .Node("Transpose", ["input_features"], ["frames_first"], ("perm", new long[] { 0, 2, 1 }))
            .Node("Slice", ["frames_first", "starts", "ends", "axes"], ["audio_rows"])
            .Node("Mul", ["audio_rows", "zero"], ["silenced"])
            .Node("Add", ["silenced", "script"], ["last_hidden_state"])
            .Output("last_hidden_state", OnnxGraphBuilder.Float, "batch", EncoderFrames, Width)
            .Build();
    }

    private static byte[] Decoder() =>
        WhisperExportDecoder.WithScriptRows(Width)
            .FloatTensor("vocabulary", [.. Enumerable.Range(0, Vocabulary).Select(i => (float)i)], Vocabulary)
            .FloatTensor("sharpness", [-10f])
            .Int64Tensor("axis_2", [2], 1)
            .Int64Tensor("zero_1d", [0], 1)
            .Int64Tensor("one_1d", [1], 1)

            // Position p reads its token id from encoder frame p; the logits fall off with the distance from it.
            .Node("Slice", ["script_rows", "zero_1d", "one_1d", "axis_2"], ["token"])
            .Node("Sub", ["vocabulary", "token"], ["token_distance"])
            .Node("Abs", ["token_distance"], ["token_far"])
            .Node("Mul", ["token_far", "sharpness"], ["logits"])
            .Output("logits", OnnxGraphBuilder.Float, "batch", "decoder_sequence", Vocabulary)
            .Build();
}
