using HfPipelines.Onnx;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Tokenization;

namespace HfPipelines.Tests.Onnx;

/// <summary>Our pipelines against transformers.js on the same ONNX files and tokenizers.</summary>
public sealed class TransformersJsParityTests
{
    private const string DistilBert = "onnx/tiny-distilbert-sst2-optimum/model.onnx";
    private const string BertTokenizer = "tokenizers/bert-base-uncased/tokenizer.json";

    [MiniLmFact]
    public async Task FeatureExtraction_MiniLmMeanNormalized_MatchesTransformersJsWithin1e4()
    {
        using var expected = ParityData.Read("minilm-feature-extraction.json");
        var sentences = expected.RootElement.GetProperty("sentences").EnumerateArray().Select(s => s.GetString()!).ToArray();
        var vectors = expected.RootElement.GetProperty("vectors").EnumerateArray().Select(v => v.EnumerateArray().Select(x => x.GetSingle()).ToArray()).ToArray();
        using var pipeline = OnnxPipelines.CreateFeatureExtraction(MiniLmModel.Folder);

        var results = await pipeline.RunBatchAsync(sentences);

        for (var i = 0; i < sentences.Length; i++)
        {
            var maxDiff = results[i].Vector.Zip(vectors[i], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(maxDiff < 1e-4, $"'{sentences[i]}': max abs diff {maxDiff}");
        }
    }

    [FixtureFact(DistilBert, BertTokenizer)]
    public async Task TextClassification_TinyDistilBert_MatchesTransformersJsWithin1e4()
    {
        using var expected = ParityData.Read("distilbert-text-classification.json");
        var sentences = expected.RootElement.GetProperty("sentences").EnumerateArray().Select(s => s.GetString()!).ToArray();
        var labels = expected.RootElement.GetProperty("labels").EnumerateArray().ToArray();
        var tokenizer = HfTokenizer.FromTokenizerJson(TestFixtures.PathOf(BertTokenizer));
        using var pipeline = OnnxPipelines.CreateTextClassification(Path.GetDirectoryName(TestFixtures.PathOf(DistilBert))!, tokenizer);

        var results = await pipeline.RunBatchAsync(sentences, new TextClassificationOptions { TopK = 2 });

        for (var i = 0; i < sentences.Length; i++)
        {
            var js = labels[i].EnumerateArray().Select(l => (l.GetProperty("label").GetString(), l.GetProperty("score").GetSingle())).ToArray();
            Assert.Equal(js.Select(l => l.Item1), results[i].Select(l => l.Label));
            Assert.All(js.Zip(results[i]), p => Assert.True(Math.Abs(p.First.Item2 - p.Second.Score) < 1e-4, $"'{sentences[i]}': {p.First.Item2} vs {p.Second.Score}"));
        }
    }
}
