using HfPipelines.Onnx;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Testing.OnnxBuilder;
using HfPipelines.Tests.Onnx;

namespace HfPipelines.Tests.Tasks.FillMask;

public sealed class FillMaskPipelineTests
{
    // ids from 5: the cat dog sat on mat; the [MASK] row (id 4) predicts cat = 3, dog = 2, everything else 0.
    private static readonly string[] Vocabulary = ["the", "cat", "dog", "sat", "on", "mat"];
    private static readonly double[] Probabilities = TestMath.Softmax(0, 0, 0, 0, 0, 0, 3, 2, 0, 0, 0);

    private static IPipeline<string, FillMaskOptions, IReadOnlyList<IReadOnlyList<FillMaskPrediction>>> Create()
    {
        var table = new float[11, 11];
        table[4, 6] = 3;
        table[4, 7] = 2;
        var folder = TinyEncoderModels.Folder(TinyEncoderModels.TokenLogits(table), """{"model_type": "bert"}""");
        return OnnxPipelines.CreateFillMask(folder, new FakeWordPieceTokenizer(Vocabulary));
    }

    [Fact]
    public async Task RunAsync_OneMask_ReturnsTopKWithFilledSequences()
    {
        using var pipeline = Create();

        var result = await pipeline.RunAsync("the [MASK] sat", new FillMaskOptions { TopK = 2 });

        var predictions = Assert.Single(result);
        Assert.Equal([(6, "cat", "the cat sat"), (7, "dog", "the dog sat")], predictions.Select(p => (p.Token, p.TokenStr, p.Sequence)));
        Assert.Equal(Probabilities[6], predictions[0].Score, 5);
        Assert.Equal(Probabilities[7], predictions[1].Score, 5);
    }

    [Fact]
    public async Task RunAsync_TwoMasks_ReturnsOneListPerMaskKeepingTheOtherMask()
    {
        using var pipeline = Create();

        var result = await pipeline.RunAsync("the [MASK] sat on the [MASK]", new FillMaskOptions { TopK = 1 });

        Assert.Equal(2, result.Count);
        Assert.Equal("[CLS] the cat sat on the [MASK] [SEP]", result[0][0].Sequence);
        Assert.Equal("[CLS] the [MASK] sat on the cat [SEP]", result[1][0].Sequence);
    }

    [Fact]
    public async Task RunAsync_Targets_ScoresOnlyTheTargets()
    {
        using var pipeline = Create();

        var result = await pipeline.RunAsync("the [MASK] sat", new FillMaskOptions { Targets = ["mat", "dog"] });

        Assert.Equal(["dog", "mat"], result[0].Select(p => p.TokenStr));
        Assert.Equal(Probabilities[10], result[0][1].Score, 5);
    }

    [Fact]
    public async Task RunAsync_NoMask_ThrowsInvalidInputNamingTheMaskToken()
    {
        using var pipeline = Create();

        var error = await Assert.ThrowsAsync<InvalidPipelineInputException>(() => pipeline.RunAsync("the cat sat"));

        Assert.Contains("[MASK]", error.Message, StringComparison.Ordinal);
    }
}
