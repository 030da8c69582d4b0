using HfPipelines.Onnx;
using HfPipelines.Tasks;
using HfPipelines.Tests.Onnx;

namespace HfPipelines.Tests.Tasks.FeatureExtraction;

public sealed class MiniLmFeatureExtractionTests
{
    [MiniLmFact]
    public async Task RunAsync_MiniLm_Returns384NormalizedMeanPooledVector()
    {
        using var pipeline = OnnxPipelines.CreateFeatureExtraction(MiniLmModel.Folder);

        var result = await pipeline.RunAsync("The cat sits outside");

        Assert.Equal(384, result.Vector.Length);
        Assert.Equal(1.0, Math.Sqrt(result.Vector.Sum(v => (double)v * v)), 4);
    }

    [MiniLmFact]
    public async Task RunAsync_SentenceSimilarity_RelatedSentenceScoresHigher()
    {
        using var pipeline = OnnxPipelines.CreateSentenceSimilarity(MiniLmModel.Folder);

        var scores = await pipeline.RunAsync(new SentenceSimilarityInput("The cat sits outside", ["The new movie is awesome", "A cat is sitting outdoors"]));

        Assert.True(scores[1] > 0.5f, $"related: {scores[1]}");
        Assert.True(scores[0] < scores[1] - 0.3f, $"unrelated {scores[0]} vs related {scores[1]}");
    }

    [MiniLmFact]
    public async Task RunAsync_ZeroShotWithEmbeddingModel_PicksTheMatchingLabel()
    {
        using var pipeline = OnnxPipelines.CreateZeroShotClassification(MiniLmModel.Folder);

        var result = await pipeline.RunAsync("The striker scored twice in the final match", new ZeroShotClassificationOptions { CandidateLabels = ["cooking", "football", "politics"] });

        Assert.Equal("football", result.Labels[0]);
        Assert.Equal(1.0, result.Scores.Sum(), 4);
    }
}

public sealed class MiniLmConcurrencyTests
{
    [MiniLmFact]
    public async Task RunAsync_ThirtyTwoConcurrentCalls_EqualCallsRunAlone()
    {
        using var pipeline = OnnxPipelines.CreateFeatureExtraction(MiniLmModel.Folder);
        var sentences = Enumerable.Range(0, 32).Select(i => $"Sentence number {i} talks about {(i % 3 == 0 ? "cats sitting outside in the sun" : "markets")}.").ToArray();
        var alone = new List<float[]>();
        foreach (var sentence in sentences)
        {
            alone.Add((await pipeline.RunAsync(sentence)).Vector);
        }

        var concurrent = await Task.WhenAll(sentences.Select(s => Task.Run(() => pipeline.RunAsync(s))));

        for (var i = 0; i < sentences.Length; i++)
        {
            var maxDiff = alone[i].Zip(concurrent[i].Vector, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(maxDiff < 1e-5, $"'{sentences[i]}': {maxDiff}");
        }
    }
}
