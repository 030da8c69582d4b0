using HfPipelines.Onnx;
using HfPipelines.Tasks;
using HfPipelines.Testing.OnnxBuilder;
using HfPipelines.Tests.Onnx;

namespace HfPipelines.Tests.Tasks.FeatureExtraction;

public sealed class FeatureExtractionPipelineTests
{
    // Hidden vectors: [CLS] -> (2, 2), the -> (1, 0), cat -> (0, 2), dog -> (0, -2), [SEP] -> (0, 0).
    private static string Folder(bool normalizeModule = false)
    {
        var table = new float[8, 2];
        (table[2, 0], table[2, 1]) = (2, 2);
        table[5, 0] = 1;
        table[6, 1] = 2;
        table[7, 1] = -2;
        var folder = TinyEncoderModels.Folder(TinyEncoderModels.TokenLogits(table, output: "last_hidden_state"), """{"model_type": "bert"}""");
        if (normalizeModule)
        {
            Directory.CreateDirectory(Path.Combine(folder, "2_Normalize"));
        }

        return folder;
    }

    private static FakeWordPieceTokenizer Tokenizer() => new(["the", "cat", "dog"]);

    [Fact]
    public async Task RunAsync_Defaults_MeanPoolsOverAllTokens()
    {
        using var pipeline = OnnxPipelines.CreateFeatureExtraction(Folder(), Tokenizer());

        var result = await pipeline.RunAsync("the cat");

        Assert.Equal([0.75f, 1f], result.Vector);
    }

    [Fact]
    public async Task RunAsync_NormalizeModulePresent_NormalizesByDefault()
    {
        using var pipeline = OnnxPipelines.CreateFeatureExtraction(Folder(normalizeModule: true), Tokenizer());

        var result = await pipeline.RunAsync("the cat");

        Assert.Equal(0.6f, result.Vector[0], 5);
        Assert.Equal(0.8f, result.Vector[1], 5);
    }

    [Fact]
    public async Task RunAsync_ClsAndNonePooling_ReturnFirstTokenOrEveryToken()
    {
        using var pipeline = OnnxPipelines.CreateFeatureExtraction(Folder(), Tokenizer());

        var cls = await pipeline.RunAsync("the cat", new FeatureExtractionOptions { Pooling = PoolingMode.Cls });
        var none = await pipeline.RunAsync("the cat", new FeatureExtractionOptions { Pooling = PoolingMode.None });

        Assert.Equal([2f, 2f], cls.Vector);
        Assert.Equal([[2f, 2f], [1f, 0f], [0f, 2f], [0f, 0f]], none.Vectors);
    }

    [Fact]
    public async Task RunBatchAsync_DifferentLengths_PaddingDoesNotChangeVectors()
    {
        using var pipeline = OnnxPipelines.CreateFeatureExtraction(Folder(), Tokenizer());

        var batch = await pipeline.RunBatchAsync(["the cat", "the the the dog cat"]);

        Assert.Equal([0.75f, 1f], batch[0].Vector);
        Assert.Equal((await pipeline.RunAsync("the the the dog cat")).Vector, batch[1].Vector);
    }

    [Fact]
    public async Task SentenceSimilarity_Cosines_InOrder()
    {
        using var pipeline = OnnxPipelines.CreateSentenceSimilarity(Folder(), Tokenizer());

        var scores = await pipeline.RunAsync(new SentenceSimilarityInput("cat", ["cat", "dog"]));

        // cat -> mean of (2,2), (0,2), (0,0) = (2/3, 4/3); dog -> (2/3, 0).
        Assert.Equal(1f, scores[0], 5);
        Assert.Equal(TestMath.Cosine([2, 4], [2, 0]), scores[1], 5);
    }

    [Fact]
    public async Task SentenceSimilarity_NoSentences_ThrowsInvalidInput()
    {
        using var pipeline = OnnxPipelines.CreateSentenceSimilarity(Folder(), Tokenizer());

        await Assert.ThrowsAsync<InvalidPipelineInputException>(() => pipeline.RunAsync(new SentenceSimilarityInput("cat", [])));
    }
}
