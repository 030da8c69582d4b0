using HfPipelines.Testing.OnnxBuilder;

namespace HfPipelines.Tests.Onnx;

/// <summary>A sentiment "model" whose logits are the per-column max of a lookup table over the tokens:
/// good -> [0, 2], bad -> [3, 0], movie -> [0.5, 0.5], the -> [0, 0]; special tokens and padding -> -100.</summary>
internal static class TinySentiment
{
    public static readonly string[] Vocabulary = ["good", "bad", "movie", "the"];

    public static FakeWordPieceTokenizer Tokenizer(int? maxLength = 512) => new(Vocabulary, maxLength);

    public static float[,] Table() => new float[,]
    {
        { -100, -100 }, { -100, -100 }, { -100, -100 }, { -100, -100 }, { -100, -100 },
        { 0, 2 }, { 3, 0 }, { 0.5f, 0.5f }, { 0, 0 },
    };

    public static string Folder(string? config = null, bool tokenTypeIds = true) =>
        TinyEncoderModels.Folder(TinyEncoderModels.SequenceLogits(Table(), tokenTypeIds), config ?? TinyEncoderModels.Config("NEGATIVE", "POSITIVE"));
}
