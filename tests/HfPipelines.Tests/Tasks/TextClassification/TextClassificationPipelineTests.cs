using HfPipelines.Onnx;
using HfPipelines.Tasks;
using HfPipelines.Testing.OnnxBuilder;
using HfPipelines.Tests.Onnx;

namespace HfPipelines.Tests.Tasks.TextClassification;

public sealed class TextClassificationPipelineTests
{
    private static readonly float PositiveScore = (float)(1 / (1 + Math.Exp(-1.5)));

    [Fact]
    public async Task RunAsync_PositiveText_ReturnsTopLabelWithSoftmax()
    {
        using var pipeline = OnnxPipelines.CreateTextClassification(TinySentiment.Folder(), TinySentiment.Tokenizer());

        var result = await pipeline.RunAsync("the good movie");

        var label = Assert.Single(result);
        Assert.Equal("POSITIVE", label.Label);
        Assert.Equal(PositiveScore, label.Score, 5);
    }

    [Fact]
    public async Task RunAsync_TopKZero_ReturnsAllLabelsBestFirst()
    {
        using var pipeline = OnnxPipelines.CreateTextClassification(TinySentiment.Folder(), TinySentiment.Tokenizer());

        var result = await pipeline.RunAsync("the good movie", new TextClassificationOptions { TopK = 0 });

        Assert.Equal(["POSITIVE", "NEGATIVE"], result.Select(l => l.Label));
        Assert.Equal(1 - PositiveScore, result[1].Score, 5);
    }

    [Fact]
    public async Task RunAsync_MultiLabelProblemType_AppliesSigmoid()
    {
        var config = """{"problem_type": "multi_label_classification", "id2label": {"0": "NEGATIVE", "1": "POSITIVE"}}""";
        using var pipeline = OnnxPipelines.CreateTextClassification(TinySentiment.Folder(config), TinySentiment.Tokenizer());

        var result = await pipeline.RunAsync("the good movie", new TextClassificationOptions { TopK = -1 });

        Assert.Equal(1 / (1 + Math.Exp(-2)), result[0].Score, 5);
        Assert.Equal(1 / (1 + Math.Exp(-0.5)), result[1].Score, 5);
    }

    [Fact]
    public async Task RunAsync_FunctionNone_ReturnsRawLogits()
    {
        using var pipeline = OnnxPipelines.CreateTextClassification(TinySentiment.Folder(), TinySentiment.Tokenizer());

        var result = await pipeline.RunAsync("bad movie", new TextClassificationOptions { TopK = 0, FunctionToApply = ClassificationFunction.None });

        Assert.Equal(("NEGATIVE", 3f), (result[0].Label, result[0].Score));
        Assert.Equal(("POSITIVE", 0.5f), (result[1].Label, result[1].Score));
    }

    [Fact]
    public async Task RunAsync_NoId2Label_UsesLabelIndexNames()
    {
        using var pipeline = OnnxPipelines.CreateTextClassification(TinySentiment.Folder("{}"), TinySentiment.Tokenizer());

        var result = await pipeline.RunAsync("bad");

        Assert.Equal("LABEL_0", Assert.Single(result).Label);
    }

    [Fact]
    public void Create_Id2LabelSizeDiffersFromLogits_ThrowsModelLoadException()
    {
        var folder = TinySentiment.Folder(TinyEncoderModels.Config("A", "B", "C"));

        var error = Assert.Throws<ModelLoadException>(() => OnnxPipelines.CreateTextClassification(folder, TinySentiment.Tokenizer()));

        Assert.Contains("id2label has 3 labels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TextPair_ClassifiesBothTexts()
    {
        using var pipeline = OnnxPipelines.CreateTextClassification(TinySentiment.Folder(), TinySentiment.Tokenizer());

        var result = await pipeline.RunAsync("the", new TextClassificationOptions { TextPair = "bad" });

        Assert.Equal("NEGATIVE", Assert.Single(result).Label);
    }

    [Fact]
    public async Task RunAsync_GraphWithoutTokenTypeIds_Runs()
    {
        using var pipeline = OnnxPipelines.CreateTextClassification(TinySentiment.Folder(tokenTypeIds: false), TinySentiment.Tokenizer());

        var result = await pipeline.RunAsync("good");

        Assert.Equal("POSITIVE", Assert.Single(result).Label);
    }

    [Fact]
    public async Task RunAsync_EmptyText_ThrowsAndPipelineStaysUsable()
    {
        using var pipeline = OnnxPipelines.CreateTextClassification(TinySentiment.Folder(), TinySentiment.Tokenizer());

        await Assert.ThrowsAsync<InvalidPipelineInputException>(() => pipeline.RunAsync("  "));
        var result = await pipeline.RunAsync("bad");

        Assert.Equal("NEGATIVE", Assert.Single(result).Label);
    }

    [Fact]
    public async Task RunAsync_TooLongWithFailOnTooLong_ThrowsElseTruncates()
    {
        var folder = TinySentiment.Folder();
        using var failing = OnnxPipelines.CreateTextClassification(folder, TinySentiment.Tokenizer(), new OnnxPipelineOptions { MaxLength = 4, FailOnTooLong = true });
        using var truncating = OnnxPipelines.CreateTextClassification(folder, TinySentiment.Tokenizer(), new OnnxPipelineOptions { MaxLength = 4 });

        var error = await Assert.ThrowsAsync<InvalidPipelineInputException>(() => failing.RunAsync("the movie bad good"));
        var result = await truncating.RunAsync("the movie bad good");

        Assert.Contains("limit of 4", error.Message, StringComparison.Ordinal);
        Assert.Equal(0.5f, (await truncating.RunAsync("the movie bad good", new TextClassificationOptions { FunctionToApply = ClassificationFunction.None, TopK = 0 }))[1].Score);
        Assert.Single(result);
    }

    [Fact]
    public async Task RunBatchAsync_ManyTexts_EqualsSingleRuns()
    {
        using var pipeline = OnnxPipelines.CreateTextClassification(TinySentiment.Folder(), TinySentiment.Tokenizer(), new OnnxPipelineOptions { BatchSize = 2 });
        string[] texts = ["good", "the bad movie the the", "movie", "the good the bad", "bad bad"];

        var batch = await pipeline.RunBatchAsync(texts, new TextClassificationOptions { TopK = 0 });

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(await pipeline.RunAsync(texts[i], new TextClassificationOptions { TopK = 0 }), batch[i]);
        }
    }

    [Fact]
    public async Task RunAsync_ThirtyTwoConcurrentCalls_EqualCallsRunAlone()
    {
        using var pipeline = OnnxPipelines.CreateTextClassification(TinySentiment.Folder(), TinySentiment.Tokenizer());
        var texts = Enumerable.Range(0, 32).Select(i => string.Join(' ', Enumerable.Repeat(TinySentiment.Vocabulary[i % 4], 1 + (i % 5)))).ToArray();
        var options = new TextClassificationOptions { TopK = 0 };
        var alone = new List<IReadOnlyList<ClassificationLabel>>();
        foreach (var text in texts)
        {
            alone.Add(await pipeline.RunAsync(text, options));
        }

        var concurrent = await Task.WhenAll(texts.Select(t => Task.Run(() => pipeline.RunAsync(t, options))));

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(alone[i], concurrent[i]);
        }
    }

    [Fact]
    public void Create_FolderWithoutConfig_ThrowsModelLoadException()
    {
        var folder = TinySentiment.Folder();
        File.Delete(Path.Combine(folder, "config.json"));

        var error = Assert.Throws<ModelLoadException>(() => OnnxPipelines.CreateTextClassification(folder, TinySentiment.Tokenizer()));

        Assert.Contains("config.json", error.Message, StringComparison.Ordinal);
    }
}
