using HfPipelines.Testing;
using HfPipelines.Testing.OnnxBuilder;
using HfPipelines.Tokenization;

namespace HfPipelines.Tests.Reliability;

/// <summary>
/// A Whisper model folder that the provider loads like a Hub export (config.json with <c>model_type: whisper</c>, the
/// real whisper-tiny tokenizer, <c>onnx/encoder_model.onnx</c> and <c>onnx/decoder_model.onnx</c>), whose output is
/// known by construction. The encoder averages the 80 log-mel bins of each frame; the decoder (low rank: token ->
/// one of six states -> logits) writes <c>&lt;|0.00|&gt; Hello world &lt;|1.00|&gt;</c> for a window whose loudest
/// frame is loud (noise: mean log-mel near 1) and only <c>&lt;|0.00|&gt;</c> for silence (mean log-mel -1.5).
/// </summary>
internal static class TinyWhisperFolder
{
    public const string Tokenizer = "ortgenai/whisper-partial/tokenizer.json";
    public const string Text = " Hello world";
    private const int Mels = 80;
    private const int States = 6; // after: transcribe, <|0.00|>, Hello, world, <|1.00|>, anything else

    public static string Create()
    {
        var source = Path.GetDirectoryName(TestFixtures.PathOf(Tokenizer))!;
        var folder = Path.Combine(Path.GetTempPath(), "hfp-tiny-whisper-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "onnx"));
        foreach (var name in new[] { "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "vocab.json" })
        {
            File.Copy(Path.Combine(source, name), Path.Combine(folder, name));
        }

        var tokenizer = HfTokenizer.FromFolder(folder);
        int Id(string token) => tokenizer.TokenToId(token) ?? throw new InvalidOperationException($"No token {token}.");
        var vocabulary = tokenizer.VocabularySize;
        var (transcribe, first, hello, world, last, eot) = (Id("<|transcribe|>"), Id("<|0.00|>"), Id("ĠHello"), Id("Ġworld"), Id("<|1.00|>"), Id("<|endoftext|>"));

        var state = new float[vocabulary * States];
        for (var t = 0; t < vocabulary; t++)
        {
            state[(t * States) + States - 1] = 1f;
        }

        foreach (var (token, s) in new[] { (transcribe, 0), (first, 1), (hello, 2), (world, 3), (last, 4) })
        {
            state[(token * States) + States - 1] = 0f;
            state[(token * States) + s] = 1f;
        }

        var next = new float[States * vocabulary];
        next[(0 * vocabulary) + first] = 30f;
        next[(1 * vocabulary) + hello] = 10f; // loses to the end (12) unless the audio is loud
        next[(1 * vocabulary) + eot] = 12f;
        next[(2 * vocabulary) + world] = 30f;
        next[(3 * vocabulary) + last] = 30f;
        next[(4 * vocabulary) + eot] = 30f;
        next[(5 * vocabulary) + eot] = 30f;
        var loudness = new float[vocabulary];
        loudness[hello] = 15f; // x the window's loudest mean log-mel: about +15 for noise, -22 for silence

        File.WriteAllBytes(Path.Combine(folder, "onnx", "encoder_model.onnx"), new OnnxGraphBuilder()
            .Input("input_features", OnnxGraphBuilder.Float, "batch", Mels, "frames")
            .FloatTensor("mean", Enumerable.Repeat(1f / Mels, Mels).ToArray(), Mels, 1)
            .Node("Transpose", ["input_features"], ["frames_first"], ("perm", new long[] { 0, 2, 1 }))
            .Node("MatMul", ["frames_first", "mean"], ["last_hidden_state"])
            .Output("last_hidden_state", OnnxGraphBuilder.Float, "batch", "frames", 1)
            .Build());
        File.WriteAllBytes(Path.Combine(folder, "onnx", "decoder_model.onnx"), new OnnxGraphBuilder()
            .Input("input_ids", OnnxGraphBuilder.Int64, "batch", "decoder_sequence")
            .Input("encoder_hidden_states", OnnxGraphBuilder.Float, "batch", "encoder_sequence", 1)
            .FloatTensor("state", state, vocabulary, States)
            .FloatTensor("next", next, States, vocabulary)
            .FloatTensor("loudness", loudness, 1, vocabulary)
            .Node("Gather", ["state", "input_ids"], ["states"], ("axis", 0L))
            .Node("MatMul", ["states", "next"], ["from_state"])
            .Node("ReduceMax", ["encoder_hidden_states"], ["loudest"], ("axes", new long[] { 1 }), ("keepdims", 1L))
            .Node("MatMul", ["loudest", "loudness"], ["from_audio"])
            .Node("Add", ["from_state", "from_audio"], ["logits"])
            .Output("logits", OnnxGraphBuilder.Float, "batch", "decoder_sequence", vocabulary)
            .Build());
        File.WriteAllText(Path.Combine(folder, "config.json"), $$"""{"model_type": "whisper", "num_mel_bins": {{Mels}}, "vocab_size": {{vocabulary}}, "max_target_positions": 448, "decoder_start_token_id": {{Id("<|startoftranscript|>")}}, "eos_token_id": {{eot}}, "pad_token_id": {{eot}}}""");
        File.WriteAllText(Path.Combine(folder, "generation_config.json"), $$"""{"decoder_start_token_id": {{Id("<|startoftranscript|>")}}, "eos_token_id": {{eot}}, "pad_token_id": {{eot}}, "max_length": 448, "no_timestamps_token_id": {{Id("<|notimestamps|>")}}}""");
        return folder;
    }
}
