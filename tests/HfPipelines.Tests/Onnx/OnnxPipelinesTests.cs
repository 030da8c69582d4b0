using HfPipelines.Onnx;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Tests.Onnx;

public sealed class OnnxPipelinesTests
{
    [MiniLmFact]
    public void Create_AliasEmbeddings_ReturnsTheTypedFeatureExtractionPipeline()
    {
        using var pipeline = OnnxPipelines.Create("embeddings", MiniLmModel.Folder);

        Assert.IsAssignableFrom<IPipeline<string, FeatureExtractionOptions, FeatureExtractionResult>>(pipeline);
    }

    [Fact]
    public void Create_NonEncoderTask_ThrowsModelLoadException()
    {
        Assert.Throws<ModelLoadException>(() => OnnxPipelines.Create("text-generation", "/tmp"));
        Assert.Throws<UnknownTaskException>(() => OnnxPipelines.Create("no-such-task", "/tmp"));
    }

    [Fact]
    public async Task Create_SharedModel_PipelinesBorrowItAndLeaveItLoaded()
    {
        var folder = TinySentiment.Folder();
        using var model = OnnxModel.Load(Path.Combine(folder, "model.onnx"));
        var first = (IPipeline<string, TextClassificationOptions, IReadOnlyList<ClassificationLabel>>)OnnxPipelines.Create("sentiment-analysis", folder, TinySentiment.Tokenizer(), model);
        using var second = (IPipeline<string, TextClassificationOptions, IReadOnlyList<ClassificationLabel>>)OnnxPipelines.Create("text-classification", folder, TinySentiment.Tokenizer(), model);

        first.Dispose();

        Assert.Equal("NEGATIVE", (await second.RunAsync("bad"))[0].Label);
        Assert.Same(model, ((TextClassificationPipeline)second).Model);
    }

    [Fact]
    public async Task RunAsync_CancelledToken_ThrowsAndPipelineStaysUsable()
    {
        using var pipeline = OnnxPipelines.CreateTextClassification(TinySentiment.Folder(), TinySentiment.Tokenizer());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.RunAsync("good", null, cancelled.Token));

        Assert.Equal("POSITIVE", (await pipeline.RunAsync("good"))[0].Label);
    }
}
