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
        var g = WhisperExportDecoder.WithScriptRows(Channels)
            .Int64Tensor("axis_2", [2], 1)
            .Int64Tensor("axis_3", [3], 1)
            .Int64Tensor("zero_1d", [0], 1)
            .Int64Tensor("vocabulary_1d", [Vocabulary], 1)
            .Int64Tensor("channels_1d", [Channels], 1)
            .Int64Tensor("last_1d", [-1], 1)
            .Int64Tensor("before_first_1d", [long.MinValue], 1)
            .Int64Tensor("minus_one_1d", [-1], 1)

            // Each position reads its frame: logits, then its attention row.
            .Node("Slice", ["script_rows", "zero_1d", "vocabulary_1d", "axis_2"], ["logits"])
            .Output("logits", OnnxGraphBuilder.Float, "batch", "decoder_sequence", Vocabulary);
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
