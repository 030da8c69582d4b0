using HfPipelines.Onnx;
using HfPipelines.Tasks;
using HfPipelines.Testing.OnnxBuilder;

namespace HfPipelines.Tests.Onnx;

public sealed class OnnxModelTests
{
    private static string ModelFile(byte[] model)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hfp-model-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, model);
        return path;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Load_TinyGraph_DiscoversInputsAndOutputs(bool tokenTypeIds)
    {
        using var model = OnnxModel.Load(ModelFile(TinyEncoderModels.TokenLogits(new float[6, 3], tokenTypeIds)));

        Assert.Equal(tokenTypeIds, model.HasInput("token_type_ids"));
        Assert.Equal(["logits"], model.OutputNames);
        Assert.Equal([-1, -1, 3], model.Outputs["logits"].Dimensions);
        Assert.Equal("Int64", model.Inputs["input_ids"].ElementType);
    }

    [Fact]
    public async Task Load_SpinningOff_GivesTheSameScoresAsTheDefault()
    {
        var folder = TinySentiment.Folder();
        using var spinning = OnnxPipelines.CreateTextClassification(folder, TinySentiment.Tokenizer());
        using var quiet = OnnxPipelines.CreateTextClassification(folder, TinySentiment.Tokenizer(), new OnnxPipelineOptions { Session = new OnnxSessionOptions { AllowSpinning = false } });

        var expected = await spinning.RunAsync("good movie");
        var actual = await quiet.RunAsync("good movie");

        Assert.Equal(expected.Select(l => (l.Label, l.Score)), actual.Select(l => (l.Label, l.Score)));
    }

    [Fact]
    public void Load_MissingFile_ThrowsModelLoadException()
    {
        var error = Assert.Throws<ModelLoadException>(() => OnnxModel.Load("/nonexistent/model.onnx"));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotAnOnnxFile_ThrowsModelLoadException()
    {
        var path = ModelFile("version https://git-lfs.github.com/spec/v1"u8.ToArray());

        Assert.Throws<ModelLoadException>(() => OnnxModel.Load(path));
    }

    [Fact]
    public void Load_UnknownExecutionProvider_ThrowsModelLoadException()
    {
        var path = ModelFile(TinyEncoderModels.TokenLogits(new float[6, 3]));

        var error = Assert.Throws<ModelLoadException>(() => OnnxModel.Load(path, new OnnxSessionOptions { ExecutionProvider = "NoSuchProvider" }));

        Assert.Contains("NoSuchProvider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_UnloadsModel_LaterRunsThrowObjectDisposed()
    {
        var folder = TinySentiment.Folder();
        var pipeline = OnnxPipelines.CreateTextClassification(folder, TinySentiment.Tokenizer());
        Assert.Single(await pipeline.RunAsync("good"));
        var model = ((TextClassificationPipeline)pipeline).Model;

        pipeline.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => pipeline.RunAsync("good"));
        Assert.Throws<ObjectDisposedException>(() => model.Run([("input_ids", new long[] { 5 })], 1, 1, ["logits"]));
    }

    [Fact]
    public void Create_GraphWithAnInputTextTasksCannotFill_ThrowsModelLoadException()
    {
        var graph = new OnnxGraphBuilder()
            .Input("input_ids", OnnxGraphBuilder.Int64, "batch", "sequence")
            .Input("pixel_values", OnnxGraphBuilder.Float, "batch", 3)
            .FloatTensor("table", new float[12], 6, 2)
            .Node("Gather", ["table", "input_ids"], ["per_token"], ("axis", 0L))
            .Node("ReduceMax", ["per_token"], ["logits"], ("axes", new long[] { 1 }), ("keepdims", 0L))
            .Output("logits", OnnxGraphBuilder.Float, "batch", 2)
            .Build();
        var folder = TinyEncoderModels.Folder(graph, TinyEncoderModels.Config("A", "B"));

        var error = Assert.Throws<ModelLoadException>(() => OnnxPipelines.CreateTextClassification(folder, TinySentiment.Tokenizer()));

        Assert.Contains("pixel_values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_GraphWithWrongOutputRank_ThrowsModelLoadException()
    {
        var folder = TinyEncoderModels.Folder(TinyEncoderModels.TokenLogits(new float[9, 2]), TinyEncoderModels.Config("A", "B"));

        var error = Assert.Throws<ModelLoadException>(() => OnnxPipelines.CreateTextClassification(folder, TinySentiment.Tokenizer()));

        Assert.Contains("rank 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OnnxInSubfolder_FindsOnnxModelOnnx()
    {
        var folder = TinyEncoderModels.Folder(TinyEncoderModels.SequenceLogits(TinySentiment.Table()), TinyEncoderModels.Config("NEGATIVE", "POSITIVE"), "onnx/model.onnx");

        using var pipeline = OnnxPipelines.CreateTextClassification(folder, TinySentiment.Tokenizer());

        Assert.EndsWith(Path.Combine("onnx", "model.onnx"), ((TextClassificationPipeline)pipeline).Model.Path, StringComparison.Ordinal);
    }
}
