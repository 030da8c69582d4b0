using System.Globalization;
using HfPipelines.Testing.OnnxBuilder;

namespace HfPipelines.Testing;

/// <summary>
/// A tiny ONNX Runtime GenAI Whisper folder, in the layout of onnxruntime_genai.models.builder (genai_config.json of
/// type whisper; an encoder taking <c>audio_features</c> [batch, 80, 3000] and giving <c>encoder_hidden_states</c> and
/// <c>present_key_cross_N</c>/<c>present_value_cross_N</c>; a decoder taking int32 <c>input_ids</c>,
/// <c>past_key_self_N</c>/<c>past_value_self_N</c> and the cross caches, giving <c>logits</c>, the self presents and
/// <c>output_cross_qk_N</c>) with the real Whisper tokenizer of the fixtures. Its decoder plays a script:
/// decoder position p says the token whose id is in mel bin 0 of feature frame p (logits peak at that id), and looks
/// at encoder frames [bin 1, bin 2) of frame p (its cross QK row is 0 there and far below elsewhere, so the softmax is
/// even over them). The encoder passes feature frames 0-1499 through as its cache; with <c>constantScript</c> it
/// ignores the audio and plays that script of tokens instead.
/// </summary>
internal static class ScriptedGenAIWhisper
{
    public const int MelBins = 80;
    public const int Frames = 3000;
    public const int EncoderFrames = 1500;
    public const int Vocabulary = 51865;
    private const int Width = 4;

    /// <summary>Writes the folder (config, encoder, decoder, and the tokenizer files of <paramref name="tokenizer"/>:
    /// the fixture folder <c>ortgenai/whisper-partial</c>) into a new temporary folder.</summary>
    public static string Create(string tokenizer, int layers = 1, bool crossQk = true, int[]? constantScript = null, string? generationConfig = null, int contextLength = 448)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hfp-genai-whisper-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "vocab.json", "audio_processor_config.json" })
        {
            File.Copy(Path.Combine(tokenizer, file), Path.Combine(folder, file));
        }

        File.WriteAllText(Path.Combine(folder, "genai_config.json"), Config(layers, crossQk, contextLength: contextLength));
        File.WriteAllBytes(Path.Combine(folder, "encoder.onnx"), Encoder(layers, constantScript));
        File.WriteAllBytes(Path.Combine(folder, "decoder.onnx"), Decoder(layers, crossQk));
        if (generationConfig is not null)
        {
            File.WriteAllText(Path.Combine(folder, "generation_config.json"), generationConfig);
        }

        return folder;
    }

    /// <summary>
    /// Features [80, 3000] that make the decoder say <paramref name="script"/> after a prompt of
    /// <paramref name="promptLength"/> tokens, the row that predicts token k looking at encoder frames
    /// [script[k].From, script[k + 1].From) (the last one up to <paramref name="end"/>); prompt rows look where the
    /// first token is. Position 0 prefers <paramref name="language"/>, for language detection.
    /// </summary>
    public static float[] Features(IReadOnlyList<(int Token, int From)> script, int promptLength, int language = 50259, int end = 100)
    {
        var features = new float[MelBins * Frames];
        void Set(int bin, int frame, float value) => features[(bin * Frames) + frame] = value;

        Set(0, 0, language);
        for (var k = 0; k < script.Count; k++)
        {
            var position = promptLength - 1 + k;
            Set(0, position, script[k].Token);
            var to = k + 1 < script.Count ? script[k + 1].From : end;
            foreach (var row in k == 0 ? Enumerable.Range(0, promptLength) : [position])
            {
                Set(1, row, script[k].From);
                Set(2, row, to);
            }
        }

        return features;
    }

    public static string Config(int layers, bool crossQk, string encoderFile = "encoder.onnx", string decoderFile = "decoder.onnx", int contextLength = 448) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
        {
          "model": {
            "type": "whisper",
            "bos_token_id": 50257, "eos_token_id": 50257, "pad_token_id": 50257,
            "context_length": {{contextLength}}, "vocab_size": {{Vocabulary}},
            "encoder": {
              "session_options": { "log_id": "onnxruntime-genai", "provider_options": [] },
              "filename": "{{encoderFile}}",
              "head_size": {{Width}}, "hidden_size": {{Width}}, "num_attention_heads": 1, "num_hidden_layers": {{layers}},
              "inputs": { "audio_features": "audio_features" },
              "outputs": { "encoder_hidden_states": "encoder_hidden_states", "cross_present_key_names": "present_key_cross_%d", "cross_present_value_names": "present_value_cross_%d" }
            },
            "decoder": {
              "session_options": { "log_id": "onnxruntime-genai", "provider_options": [] },
              "filename": "{{decoderFile}}",
              "head_size": {{Width}}, "hidden_size": {{Width}}, "num_attention_heads": 1, "num_key_value_heads": 1, "num_hidden_layers": {{layers}},
              "inputs": { "input_ids": "input_ids", "past_key_names": "past_key_self_%d", "past_value_names": "past_value_self_%d",
                          "cross_past_key_names": "past_key_cross_%d", "cross_past_value_names": "past_value_cross_%d" },
              "outputs": { "logits": "logits", "present_key_names": "present_key_self_%d", "present_value_names": "present_value_self_%d"{{(crossQk ? ", \"output_cross_qk_names\": \"output_cross_qk_%d\"" : string.Empty)}} }
            }
          },
          "search": { "do_sample": false, "max_length": {{contextLength}}, "num_beams": 1, "num_return_sequences": 1, "past_present_share_buffer": false, "top_k": 1 }
        }
        """);

    private static byte[] Encoder(int layers, int[]? constantScript)
    {
        var g = new OnnxGraphBuilder()
            .Input("audio_features", OnnxGraphBuilder.Float, "batch", MelBins, Frames)
            .Int64Tensor("starts", [0, 0], 2)
            .Int64Tensor("ends", [EncoderFrames, Width], 2)
            .Int64Tensor("axes", [1, 2], 2)
            .Int64Tensor("axis_1", [1], 1)
            .Node("Transpose", ["audio_features"], ["frames_first"], ("perm", new long[] { 0, 2, 1 }))
            .Node("Slice", ["frames_first", "starts", "ends", "axes"], ["audio_rows"]);
        if (constantScript is null)
        {
            g.Node("Identity", ["audio_rows"], ["encoder_hidden_states"]);
        }
        else
        {
            var script = new float[EncoderFrames * Width];
            for (var k = 0; k < constantScript.Length; k++)
            {
                script[k * Width] = constantScript[k];
                script[(k * Width) + 2] = EncoderFrames;
            }

            g.FloatTensor("script", script, 1, EncoderFrames, Width)
                .FloatTensor("zero", [0f])
                .Node("Mul", ["audio_rows", "zero"], ["silenced"])
                .Node("Add", ["silenced", "script"], ["encoder_hidden_states"]);
        }

        g.Node("Unsqueeze", ["encoder_hidden_states", "axis_1"], ["cross"])
            .Output("encoder_hidden_states", OnnxGraphBuilder.Float, "batch", EncoderFrames, Width);
        for (var layer = 0; layer < layers; layer++)
        {
            g.Node("Identity", ["cross"], [$"present_key_cross_{layer}"])
                .Node("Identity", ["cross"], [$"present_value_cross_{layer}"])
                .Output($"present_key_cross_{layer}", OnnxGraphBuilder.Float, "batch", 1, EncoderFrames, Width)
                .Output($"present_value_cross_{layer}", OnnxGraphBuilder.Float, "batch", 1, EncoderFrames, Width);
        }

        return g.Build();
    }

    private static byte[] Decoder(int layers, bool crossQk)
    {
        var g = new OnnxGraphBuilder()
            .Input("input_ids", OnnxGraphBuilder.Int32, "batch", "sequence");
        for (var layer = 0; layer < layers; layer++)
        {
            g.Input($"past_key_self_{layer}", OnnxGraphBuilder.Float, "batch", 1, "past", Width)
                .Input($"past_value_self_{layer}", OnnxGraphBuilder.Float, "batch", 1, "past", Width)
                .Input($"past_key_cross_{layer}", OnnxGraphBuilder.Float, "batch", 1, EncoderFrames, Width)
                .Input($"past_value_cross_{layer}", OnnxGraphBuilder.Float, "batch", 1, EncoderFrames, Width);
        }

        g.FloatTensor("vocabulary", [.. Enumerable.Range(0, Vocabulary).Select(i => (float)i)], Vocabulary)
            .FloatTensor("frames", [.. Enumerable.Range(0, EncoderFrames).Select(i => (float)i)], EncoderFrames)
            .FloatTensor("sharpness", [-10f])
            .FloatTensor("qk_sharpness", [-100f])
            .FloatTensor("one_f", [1f])
            .Int64Tensor("axes_1_3", [1, 3], 2)
            .Int64Tensor("axis_1", [1], 1)
            .Int64Tensor("index_1", [1])
            .Int64Tensor("index_2", [2])
            .Int64Tensor("one", [1])
            .Int64Tensor("width_shape", [1, 1, 1, Width], 4)
            .Int64Tensor("zero_1d", [0], 1)
            .Int64Tensor("one_1d", [1], 1)
            .Int64Tensor("two_1d", [2], 1)
            .Int64Tensor("axis_2", [2], 1)
            .Int64Tensor("three_1d", [3], 1)

            // Positions: the self cache holds one entry per token seen.
            .Node("Cast", ["input_ids"], ["ids_f"], ("to", 1L))
            .Node("Unsqueeze", ["ids_f", "axes_1_3"], ["ids_4d"])
            .Node("Expand", ["ids_4d", "width_shape"], ["new_kv"])
            .Node("Shape", ["past_key_self_0"], ["past_shape"])
            .Node("Gather", ["past_shape", "index_2"], ["past_length"], ("axis", 0L))
            .Node("Shape", ["input_ids"], ["ids_shape"])
            .Node("Gather", ["ids_shape", "index_1"], ["new_length"], ("axis", 0L))
            .Node("Add", ["past_length", "new_length"], ["end"])
            .Node("Range", ["past_length", "end", "one"], ["positions"])

            // Each position reads its encoder frame: the token id in channel 0, the frame to look at in channel 1.
            .Node("Gather", ["past_key_cross_0", "positions"], ["script_4d"], ("axis", 2L))
            .Node("Squeeze", ["script_4d", "axis_1"], ["script"])
            .Node("Slice", ["script", "zero_1d", "one_1d", "axis_2"], ["token"])
            .Node("Sub", ["vocabulary", "token"], ["token_distance"])
            .Node("Abs", ["token_distance"], ["token_far"])
            .Node("Mul", ["token_far", "sharpness"], ["logits"])
            .Output("logits", OnnxGraphBuilder.Float, "batch", "sequence", Vocabulary);
        for (var layer = 0; layer < layers; layer++)
        {
            g.Node("Concat", [$"past_key_self_{layer}", "new_kv"], [$"present_key_self_{layer}"], ("axis", 2L))
                .Node("Concat", [$"past_value_self_{layer}", "new_kv"], [$"present_value_self_{layer}"], ("axis", 2L))
                .Output($"present_key_self_{layer}", OnnxGraphBuilder.Float, "batch", 1, "total", Width)
                .Output($"present_value_self_{layer}", OnnxGraphBuilder.Float, "batch", 1, "total", Width);
        }

        if (crossQk)
        {
            // 0 over [from, to), falling steeply outside.
            g.Node("Slice", ["script", "one_1d", "two_1d", "axis_2"], ["from"])
                .Node("Slice", ["script", "two_1d", "three_1d", "axis_2"], ["to"])
                .Node("Sub", ["from", "frames"], ["before"])
                .Node("Relu", ["before"], ["before_far"])
                .Node("Sub", ["frames", "to"], ["after_to"])
                .Node("Add", ["after_to", "one_f"], ["after"])
                .Node("Relu", ["after"], ["after_far"])
                .Node("Add", ["before_far", "after_far"], ["outside"])
                .Node("Mul", ["outside", "qk_sharpness"], ["qk_3d"])
                .Node("Unsqueeze", ["qk_3d", "axis_1"], ["qk"]);
            for (var layer = 0; layer < layers; layer++)
            {
                g.Node("Identity", ["qk"], [$"output_cross_qk_{layer}"])
                    .Output($"output_cross_qk_{layer}", OnnxGraphBuilder.Float, "batch", 1, "sequence", EncoderFrames);
            }
        }

        return g.Build();
    }
}
