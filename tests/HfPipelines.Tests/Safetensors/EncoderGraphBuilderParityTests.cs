using System.Text.Json.Nodes;
using HfPipelines.Onnx;
using HfPipelines.Safetensors;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using Xunit.Abstractions;

namespace HfPipelines.Tests.Safetensors;

/// <summary>
/// Our built graphs against what transformers 5.17 computed for the same safetensors checkpoints
/// (pyoracle-safetensors/expected.json): the padded batch's last hidden state, and the real pipelines run on the
/// built model (feature extraction per text, mean-pooled normalised embeddings, text classification with top_k=None).
/// </summary>
public sealed class EncoderGraphBuilderParityTests(ITestOutputHelper output) : IDisposable
{
    private const double Tolerance = 1e-4;
    private readonly string _dir = Directory.CreateTempSubdirectory("hfp-graph-").FullName;

    public static IEnumerable<object[]> BaseModels() => SafetensorsOracle.BaseModels();

    [FixtureTheory(SafetensorsOracle.Expected)]
    [MemberData(nameof(BaseModels))]
    public void Build_BaseCheckpoint_LastHiddenStateOfPaddedBatchAsTransformers(string name)
    {
        var expected = SafetensorsOracle.Case(name)!;
        var model = SafetensorsOracle.Build(SafetensorsOracle.Folder(name), EncoderHead.BaseModel, _dir);

        var outputs = SafetensorsOracle.Run(model, SafetensorsOracle.Ids(expected["input_ids"]!), name.StartsWith("roberta", StringComparison.Ordinal) ? 1 : 0);

        var (values, dims) = outputs["last_hidden_state"];
        var want = SafetensorsOracle.Flat(expected["last_hidden_state_padded"]!);
        Assert.Equal([4, expected["input_ids"]![0]!.AsArray().Count, 16], dims);
        var difference = SafetensorsOracle.MaxDifference(want, values);
        output.WriteLine($"{name} last_hidden_state_padded: max difference {difference:E2}");
        Assert.InRange(difference, 0, Tolerance);
    }

    [FixtureTheory(SafetensorsOracle.Expected)]
    [MemberData(nameof(BaseModels))]
    public async Task CreateFeatureExtraction_BuiltModel_TokenVectorsAndMeanPooledAsTransformers(string name)
    {
        var expected = SafetensorsOracle.Case(name)!;
        var folder = SafetensorsOracle.Folder(name);
        var model = SafetensorsOracle.Build(folder, EncoderHead.BaseModel, _dir);
        using var pipeline = OnnxPipelines.CreateFeatureExtraction(folder, new OnnxPipelineOptions { ModelFile = model });

        for (var i = 0; i < 4; i++)
        {
            var text = (string)expected["feature_extraction"]![i]!["text"]!;
            var tokens = await pipeline.RunAsync(text, new FeatureExtractionOptions { Pooling = PoolingMode.None, Normalize = false });
            var pooled = await pipeline.RunAsync(text, new FeatureExtractionOptions { Pooling = PoolingMode.Mean, Normalize = true });

            var wantTokens = SafetensorsOracle.Flat(expected["feature_extraction"]![i]!["last_hidden_state"]!);
            var tokenDifference = SafetensorsOracle.MaxDifference(wantTokens, [.. tokens.Vectors.SelectMany(v => v)]);
            var pooledDifference = SafetensorsOracle.MaxDifference(SafetensorsOracle.Flat(expected["mean_pooled_normalized"]![i]!), pooled.Vector);
            output.WriteLine($"{name} text {i}: feature extraction {tokenDifference:E2}, mean pooled {pooledDifference:E2}");
            Assert.InRange(tokenDifference, 0, Tolerance);
            Assert.InRange(pooledDifference, 0, Tolerance);
        }
    }

    [FixtureFact(SafetensorsOracle.Expected)]
    public async Task CreateTextClassification_BuiltClassifier_AllScoresAsTransformers()
    {
        const string name = "bert-safetensors-classifier";
        var expected = SafetensorsOracle.Case(name)!;
        var folder = SafetensorsOracle.Folder(name);
        var model = SafetensorsOracle.Build(folder, EncoderHead.SequenceClassification, _dir);
        using var pipeline = OnnxPipelines.CreateTextClassification(folder, new OnnxPipelineOptions { ModelFile = model });

        for (var i = 0; i < 4; i++)
        {
            var labels = await pipeline.RunAsync((string)expected["texts"]![i]!, new TextClassificationOptions { TopK = 0 });

            var want = expected["top_k_all"]![i]!.AsArray();
            Assert.Equal(want.Select(l => (string)l!["label"]!), labels.Select(l => l.Label));
            var difference = SafetensorsOracle.MaxDifference([.. want.Select(l => (float)(double)l!["score"]!)], [.. labels.Select(l => (float)l.Score)]);
            output.WriteLine($"text {i}: scores {difference:E2}");
            Assert.InRange(difference, 0, Tolerance);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
