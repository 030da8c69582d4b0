using System.Text.Json.Nodes;
using HfPipelines.Seq2Seq;
using HfPipelines.Seq2Seq.Onnx;
using HfPipelines.Speech.Whisper;
using HfPipelines.Testing.OnnxBuilder;
using HfPipelines.Tests.Seq2Seq;
using static HfPipelines.Tests.Speech.Whisper.FakeWhisperTokenizer;

namespace HfPipelines.Tests.Speech.Whisper;

/// <summary>
/// A tiny Whisper export (Whisper's input and output names, merged decoder with cache) that plays a script carried
/// by its audio features, so a test decides per window what the decoder says and where in the audio each token is
/// heard. Frame p of the features holds what decoder position p returns: its logits in channels 0..V-1 and its
/// cross-attention row over the <see cref="Frames"/> encoder frames in channels V..V+F-1. The encoder passes the
/// features through; the decoder finds each position from its cache length and gathers that frame.
/// <c>cross_attentions.0</c> holds the true rows in head 1 and their mirror image in head 0, <c>cross_attentions.1</c>
/// the other way round, so only <see cref="AlignmentHeads"/> ([[0, 1], [1, 0]]) time the words right.
/// </summary>
internal static class ScriptedWhisperModel
{
    /// <summary>Encoder frames per window: 2 s of audio at 20 ms.</summary>
    public const int Frames = 100;

    /// <summary>Samples per window whose alignment covers all <see cref="Frames"/> (320 samples per encoder frame).</summary>
    public const int WindowSamples = Frames * 320;

    public static readonly IReadOnlyList<(int Layer, int Head)> AlignmentHeads = [(0, 1), (1, 0)];

    private static readonly int Vocabulary = new FakeWhisperTokenizer().VocabularySize;

    /// <summary>Channels (mel bins) of the features.</summary>
    public static int Channels => Vocabulary + Frames;

    /// <summary>Writes the encoder and merged decoder into a new temporary folder.</summary>
    public static string Folder(bool crossAttentions = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hfp-whisper-words-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var identity = new float[Channels, Channels];
        for (var c = 0; c < Channels; c++)
        {
            identity[c, c] = 1f;
        }

        File.WriteAllBytes(Path.Combine(folder, "encoder_model.onnx"), TinySeq2SeqModels.FeatureEncoder(identity));
        File.WriteAllBytes(Path.Combine(folder, "decoder_model_merged.onnx"), Decoder(crossAttentions));
        return folder;
    }

    /// <summary>A Whisper model over the folder with the fake tokenizer (language en known).</summary>
    public static WhisperModel Model(string folder, IReadOnlyList<(int Layer, int Head)>? alignmentHeads = null)
    {
        var config = new JsonObject { ["num_mel_bins"] = Channels, ["max_target_positions"] = 32 };
        var generation = new Seq2SeqGenerationConfig { EosTokenIds = [EndOfText], PadTokenId = EndOfText, MaxLength = 32 };
        return new WhisperModel(OnnxSeq2SeqModel.Load(folder), new FakeWhisperTokenizer(), generation, config, alignmentHeads ?? AlignmentHeads);
    }

    /// <summary>
    /// Features that make the decoder say <paramref name="script"/> (after a prompt of <paramref name="promptLength"/>
    /// tokens) and make the row that predicts token k attend frames [script[k].From, script[k + 1].From), the last one
    /// to the end. Prompt rows attend where the first token is. Position 0 prefers English, for language detection.
    /// </summary>
    public static float[] Features(IReadOnlyList<(int Token, int From)> script, int promptLength = 3)
    {
        var features = new float[Channels * Frames]; // [channel, frame] row-major
        void Set(int channel, int frame, float value) => features[(channel * Frames) + frame] = value;

        Set(English, 0, 30f);
        for (var k = 0; k < script.Count; k++)
        {
            var position = promptLength - 1 + k;
            Set(script[k].Token, position, 30f);
            var to = k + 1 < script.Count ? script[k + 1].From : Frames;
            foreach (var row in k == 0 ? Enumerable.Range(0, promptLength) : [position])
            {
                for (var f = script[k].From; f < to; f++)
                {
                    Set(Vocabulary + f, row, 1f);
                }
            }
        }

        return features;
    }

    private static byte[] Decoder(bool crossAttentions)
    {
        const int Bool = 9;
        var g = new OnnxGraphBuilder()
            .Input("input_ids", OnnxGraphBuilder.Int64, "batch", "decoder_sequence")
            .Input("encoder_hidden_states", OnnxGraphBuilder.Float, "batch", "encoder_sequence", Channels)
            .Input("past_key_values.0.decoder.key", OnnxGraphBuilder.Float, "batch", 1, "past_sequence", 1)
            .Input("past_key_values.0.decoder.value", OnnxGraphBuilder.Float, "batch", 1, "past_sequence", 1)
            .Input("past_key_values.0.encoder.key", OnnxGraphBuilder.Float, "batch", 1, "encoder_sequence", Channels)
            .Input("past_key_values.0.encoder.value", OnnxGraphBuilder.Float, "batch", 1, "encoder_sequence", Channels)
            .Input("use_cache_branch", Bool, 1)
            .Int64Tensor("axes_1", [1], 1)
            .Int64Tensor("axes_1_3", [1, 3], 2)
            .Int64Tensor("axis_2", [2], 1)
            .Int64Tensor("axis_3", [3], 1)
            .Int64Tensor("index_1", [1])
            .Int64Tensor("index_2", [2])
            .Int64Tensor("one", [1])
            .Int64Tensor("zero_1d", [0], 1)
            .Int64Tensor("vocabulary_1d", [Vocabulary], 1)
            .Int64Tensor("channels_1d", [Channels], 1)
            .Int64Tensor("last_1d", [-1], 1)
            .Int64Tensor("before_first_1d", [long.MinValue], 1)
            .Int64Tensor("minus_one_1d", [-1], 1)

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

            // Each position reads its frame: logits, then its attention row.
            .Node("Gather", ["encoder_hidden_states", "positions"], ["script_rows"], ("axis", 1L))
            .Node("Slice", ["script_rows", "zero_1d", "vocabulary_1d", "axis_2"], ["logits"])
            .Output("logits", OnnxGraphBuilder.Float, "batch", "decoder_sequence", Vocabulary)
            .Output("present.0.decoder.key", OnnxGraphBuilder.Float, "batch", 1, "present_sequence", 1)
            .Output("present.0.decoder.value", OnnxGraphBuilder.Float, "batch", 1, "present_sequence", 1)
            .Output("present.0.encoder.key", OnnxGraphBuilder.Float, "batch", 1, "encoder_sequence", Channels)
            .Output("present.0.encoder.value", OnnxGraphBuilder.Float, "batch", 1, "encoder_sequence", Channels);
        if (crossAttentions)
        {
            g.Node("Slice", ["script_rows", "vocabulary_1d", "channels_1d", "axis_2"], ["rows_3d"])
                .Node("Unsqueeze", ["rows_3d", "axes_1"], ["aligned"])
                .Node("Slice", ["aligned", "last_1d", "before_first_1d", "axis_3", "minus_one_1d"], ["mirrored"])
                .Node("Concat", ["mirrored", "aligned"], ["cross_attentions.0"], ("axis", 1L))
                .Node("Concat", ["aligned", "mirrored"], ["cross_attentions.1"], ("axis", 1L))
                .Output("cross_attentions.0", OnnxGraphBuilder.Float, "batch", 2, "decoder_sequence", "encoder_sequence")
                .Output("cross_attentions.1", OnnxGraphBuilder.Float, "batch", 2, "decoder_sequence", "encoder_sequence");
        }

        return g.Build();
    }
}
