using HfPipelines.Onnx;
using HfPipelines.Tasks;
using HfPipelines.Testing.OnnxBuilder;
using HfPipelines.Tests.Onnx;

namespace HfPipelines.Tests.Tasks.ZeroShotClassification;

public sealed class ZeroShotClassificationPipelineTests
{
    private static readonly string[] Vocabulary = ["This", "example", "is", ".", "sports", "politics", "cooking", "text"];

    // NLI logits [contradiction, neutral, entailment] = per-column max over the tokens of the pair:
    // sports -> [0, 0, 2], politics -> [1, 0, 0.5], cooking -> [0, 1, 0] (every other word is [0, 0, 0]).
    private static float[,] Table() => new float[,]
    {
        { -100, -100, -100 }, { -100, -100, -100 }, { -100, -100, -100 }, { -100, -100, -100 }, { -100, -100, -100 },
        { 0, 0, 0 }, { 0, 0, 0 }, { 0, 0, 0 }, { 0, 0, 0 }, { 0, 0, 2 }, { 1, 0, 0.5f }, { 0, 1, -1 }, { 0, 0, 0 },
    };

    private static IDisposable Create(out HfPipelines.Pipelines.IPipeline<string, ZeroShotClassificationOptions, ZeroShotClassificationResult> pipeline, string? config = null)
    {
        var folder = TinyEncoderModels.Folder(TinyEncoderModels.SequenceLogits(Table()), config ?? TinyEncoderModels.Config("contradiction", "neutral", "entailment"));
        pipeline = OnnxPipelines.CreateZeroShotClassification(folder, new FakeWordPieceTokenizer(Vocabulary));
        return pipeline;
    }

    [Fact]
    public async Task RunAsync_SingleLabel_SoftmaxOfEntailmentAcrossLabels()
    {
        using var _ = Create(out var pipeline);

        var result = await pipeline.RunAsync("text", new ZeroShotClassificationOptions { CandidateLabels = ["politics", "sports", "cooking"] });

        var expected = TestMath.Softmax(0.5, 2, 0);
        Assert.Equal("text", result.Sequence);
        Assert.Equal(["sports", "politics", "cooking"], result.Labels);
        Assert.Equal(expected[1], result.Scores[0], 5);
        Assert.Equal(expected[0], result.Scores[1], 5);
        Assert.Equal(expected[2], result.Scores[2], 5);
    }

    [Fact]
    public async Task RunAsync_MultiLabel_SoftmaxOfContradictionAndEntailmentPerLabel()
    {
        using var _ = Create(out var pipeline);

        var result = await pipeline.RunAsync("text", new ZeroShotClassificationOptions { CandidateLabels = ["politics", "sports", "cooking"], MultiLabel = true });

        Assert.Equal(["sports", "cooking", "politics"], result.Labels);
        Assert.Equal(TestMath.Softmax(0, 2)[1], result.Scores[0], 5);
        Assert.Equal(0.5, result.Scores[1], 5);
        Assert.Equal(TestMath.Softmax(1, 0.5)[1], result.Scores[2], 5);
    }

    [Fact]
    public async Task RunAsync_OneLabelWithAComma_KeptWholeAsPythonKeepsAList()
    {
        using var _ = Create(out var pipeline);

        // Python splits only a string; a list (ours is always one) is kept. Text forms are parsed by TaskInputLists.
        var result = await pipeline.RunAsync("text", new ZeroShotClassificationOptions { CandidateLabels = [" sports, cooking "] });

        Assert.Equal(["sports, cooking"], result.Labels);
    }

    [Fact]
    public async Task RunAsync_NoLabelsOrBadTemplate_ThrowsInvalidInput()
    {
        using var _ = Create(out var pipeline);

        var noLabels = await Assert.ThrowsAsync<InvalidPipelineInputException>(() => pipeline.RunAsync("text", new ZeroShotClassificationOptions()));
        var badTemplate = await Assert.ThrowsAsync<InvalidPipelineInputException>(() => pipeline.RunAsync("text", new ZeroShotClassificationOptions { CandidateLabels = ["sports"], HypothesisTemplate = "no placeholder" }));

        Assert.Contains("candidate labels", noLabels.Message, StringComparison.Ordinal);
        Assert.Contains("{}", badTemplate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NoEntailmentLabel_ThrowsModelLoadException()
    {
        var error = Assert.Throws<ModelLoadException>(() => Create(out _, TinyEncoderModels.Config("yes", "maybe", "no")));

        Assert.Contains("entail", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EmbeddingModel_ScoresByCosineSimilarity()
    {
        // Hidden vectors: text -> (1, 0), sports -> (1, 1), cooking -> (0, 1); template words -> (0, 0), CLS/SEP -> (0, 0).
        var table = new float[13, 2];
        table[7 + 5, 0] = 1;
        table[4 + 5, 0] = 1;
        table[4 + 5, 1] = 1;
        table[6 + 5, 1] = 1;
        var folder = TinyEncoderModels.Folder(TinyEncoderModels.TokenLogits(table, output: "last_hidden_state"), """{"model_type": "bert"}""");
        File.WriteAllText(Path.Combine(folder, "modules.json"), "[]");
        using var pipeline = OnnxPipelines.CreateZeroShotClassification(folder, new FakeWordPieceTokenizer(Vocabulary), new OnnxPipelineOptions { SimilarityTemperature = null });

        var result = await pipeline.RunAsync("text", new ZeroShotClassificationOptions { CandidateLabels = ["cooking", "sports"], HypothesisTemplate = "{}" });

        Assert.IsType<EmbeddingZeroShotClassificationPipeline>(pipeline);
        Assert.Equal(["sports", "cooking"], result.Labels);
        Assert.Equal(TestMath.Cosine([1, 0], [1, 1]), result.Scores[0], 5);
        Assert.Equal(0, result.Scores[1], 5);
    }
}
