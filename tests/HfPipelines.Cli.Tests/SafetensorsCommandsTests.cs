using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Safetensors;
using HfPipelines.Testing;
using HfPipelines.Testing.Safetensors;

namespace HfPipelines.Cli.Tests;

/// <summary>
/// <c>hfp &lt;task&gt; --model &lt;safetensors-only folder&gt;</c> for each family the graph builder supports (BERT,
/// RoBERTa, XLM-RoBERTa, DistilBERT) and each encoder task: the checkpoints are the transformers-saved base models
/// of <c>pyoracle-safetensors</c> re-saved as their task classes with seeded head weights (the head values are checked
/// against references in the builder's own tests; these check that every task reaches the built graph and answers in
/// Python's shape), plus the transformers-saved classifier against what transformers returned.
/// </summary>
public sealed class SafetensorsCommandsTests : IDisposable
{
    private const string Root = "pyoracle-safetensors";
    private const string Classifier = "pyoracle-safetensors/bert-safetensors-classifier";
    private static readonly string[] s_labels = ["B-PER", "I-PER", "B-LOC"];
    private readonly string _dir = Directory.CreateTempSubdirectory("hfp-cli-safetensors-").FullName;

    public static TheoryData<string, string?> Families() => new()
    {
        { "bert-safetensors", null },
        { "roberta-safetensors", null },
        { "roberta-safetensors", "xlm-roberta" },
        { "distilbert-safetensors", null },
    };

    [FixtureTheory(Root)]
    [MemberData(nameof(Families))]
    public async Task FeatureExtraction_SafetensorsFolder_OneVectorPerToken(string family, string? modelType)
    {
        var folder = Checkpoint(family, EncoderHead.BaseModel, modelType);

        var json = await RunJson("feature-extraction", "--model", folder, "--pooling", "none", "Hello world!");

        var tokens = json[0]!.AsArray();
        Assert.True(tokens.Count >= 3, json.ToJsonString());
        Assert.All(tokens, t => Assert.Equal(16, t!.AsArray().Count));
    }

    [FixtureTheory(Root)]
    [MemberData(nameof(Families))]
    public async Task TextClassification_SafetensorsFolder_ScoresEveryLabel(string family, string? modelType)
    {
        var folder = Checkpoint(family, EncoderHead.SequenceClassification, modelType, s_labels);

        var json = await RunJson("text-classification", "--model", folder, "--top-k", "3", "I love Paris");

        Assert.Equal(s_labels.Order(), json.AsArray().Select(l => (string)l!["label"]!).Order());
        Assert.Equal(1.0, json.AsArray().Sum(l => (double)l!["score"]!), 4);
    }

    [FixtureTheory(Root)]
    [MemberData(nameof(Families))]
    public async Task TokenClassification_SafetensorsFolder_EntitiesPointIntoTheText(string family, string? modelType)
    {
        const string text = "Sarah lives in Paris";
        var folder = Checkpoint(family, EncoderHead.TokenClassification, modelType, s_labels);

        var json = await RunJson("ner", "--model", folder, "--aggregation-strategy", "simple", text);

        Assert.NotEmpty(json.AsArray());
        Assert.All(json.AsArray(), e =>
        {
            Assert.Contains((string)e!["entity_group"]!, new[] { "PER", "LOC" });
            Assert.Equal(Letters(text[(int)e["start"]!..(int)e["end"]!]), Letters((string)e["word"]!), ignoreCase: true);
        });
    }

    [FixtureTheory(Root)]
    [MemberData(nameof(Families))]
    public async Task QuestionAnswering_SafetensorsFolder_AnswerIsASpanOfTheContext(string family, string? modelType)
    {
        const string context = "The tower was built in Paris in 1889 by Gustave Eiffel.";
        var folder = Checkpoint(family, EncoderHead.QuestionAnswering, modelType);

        var json = await RunJson("question-answering", "--model", folder, "--question", "Where was the tower built?", "--context", context);

        var answer = json is JsonArray array ? array[0]! : json;
        var start = (int)answer["start"]!;
        var end = (int)answer["end"]!;
        Assert.InRange(start, 0, end);
        Assert.Equal(context[start..end], (string)answer["answer"]!);
        Assert.InRange((double)answer["score"]!, 0, 1);
    }

    [FixtureTheory(Root)]
    [MemberData(nameof(Families))]
    public async Task FillMask_SafetensorsFolder_TopTokensFillTheMask(string family, string? modelType)
    {
        var folder = Checkpoint(family, EncoderHead.MaskedLM, modelType);
        var mask = family.StartsWith("roberta", StringComparison.Ordinal) ? "<mask>" : "[MASK]";

        var json = await RunJson("fill-mask", "--model", folder, "--top-k", "3", $"Paris is the {mask} of France.");

        var predictions = json.AsArray();
        Assert.Equal(3, predictions.Count);
        var scores = predictions.Select(p => (double)p!["score"]!).ToArray();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.All(predictions, p => Assert.DoesNotContain(mask, (string)p!["sequence"]!, StringComparison.Ordinal));
    }

    [FixtureFact(Root)]
    public async Task SentenceSimilarity_SafetensorsBaseModel_SourceIsMostSimilarToItself()
    {
        var folder = TestFixtures.PathOf(Root + "/bert-safetensors");

        var json = await RunJson("sentence-similarity", "--model", folder, "--source", "The cat sleeps.", "--sentences", "The cat sleeps.", "--sentences", "Stock prices fell sharply.");

        var scores = json.AsArray().Select(s => (double)s!).ToArray();
        Assert.Equal(2, scores.Length);
        Assert.Equal(1.0, scores[0], 4);
        Assert.True(scores[1] < scores[0], json.ToJsonString());
    }

    [FixtureFact(Root)]
    public async Task ZeroShot_SafetensorsNliClassifier_ScoresEveryCandidateLabel()
    {
        var folder = Checkpoint("bert-safetensors", EncoderHead.SequenceClassification, null, ["contradiction", "neutral", "entailment"]);

        var json = await RunJson("zero-shot-classification", "--model", folder, "--candidate-labels", "travel,cooking,sports", "I booked a flight to Rome.");

        Assert.Equal(["cooking", "sports", "travel"], json["labels"]!.AsArray().Select(l => (string)l!).Order());
        Assert.Equal(1.0, json["scores"]!.AsArray().Sum(v => (double)v!), 4);
    }

    [FixtureFact(Classifier)]
    public async Task TextClassification_TransformersSavedClassifier_MatchesTransformers()
    {
        var expected = JsonNode.Parse(File.ReadAllText(TestFixtures.PathOf(Root + "/expected.json")))!["cases"]!["bert-safetensors-classifier"]!;
        var texts = expected["texts"]!.AsArray().Select(t => (string)t!).ToArray();

        for (var i = 0; i < texts.Length; i++)
        {
            var json = await RunJson("text-classification", "--model", TestFixtures.PathOf(Classifier), "--top-k", "2", texts[i]);

            var want = expected["top_k_all"]![i]!.AsArray();
            Assert.Equal(want.Select(l => (string)l!["label"]!), json.AsArray().Select(l => (string)l!["label"]!));
            for (var k = 0; k < want.Count; k++)
            {
                Assert.Equal((double)want[k]!["score"]!, (double)json[k]!["score"]!, 1e-4);
            }
        }
    }

    [FixtureFact(Classifier)]
    public async Task WorkflowRun_StepModelIsSafetensorsCheckpoint_ClassifiesAsTransformers()
    {
        var expected = JsonNode.Parse(File.ReadAllText(TestFixtures.PathOf(Root + "/expected.json")))!["cases"]!["bert-safetensors-classifier"]!;
        var flow = Path.Combine(_dir, "flow.yaml");
        File.WriteAllText(flow, $$$"""
            name: sentiment
            inputs:
              text:
            steps:
              - id: sentiment
                task: text-classification
                model: {{{TestFixtures.PathOf(Classifier)}}}
                with:
                  text: ${{ inputs.text }}
                  top_k: 2
            """);

        var json = await RunJson("workflow", "run", flow, "--input", "text=" + (string)expected["texts"]![1]!);

        var want = expected["top_k_all"]![1]!.AsArray();
        var labels = json["sentiment"]!.AsArray();
        Assert.Equal(want.Select(l => (string)l!["label"]!), labels.Select(l => (string)l!["label"]!));
        Assert.Equal((double)want[0]!["score"]!, (double)labels[0]!["score"]!, 1e-4);
    }

    [FixtureFact(Root)]
    public async Task TextClassification_BaseModelWithoutHead_OneLineErrorNamesTheMissingHead()
    {
        var (code, _, error) = await CliRunner.RunAsync("text-classification", "--model", TestFixtures.PathOf(Root + "/bert-safetensors"), "hello");

        Assert.Equal(1, code);
        Assert.Contains("classifi", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [FixtureFact(Root)]
    public async Task ModelsInfo_SafetensorsFolder_SaysTheGraphIsBuilt()
    {
        var (code, output, error) = await CliRunner.RunAsync("models", "info", TestFixtures.PathOf(Root + "/distilbert-safetensors"), "--json");

        Assert.True(code == 0, error);
        var runsAs = (string)JsonNode.Parse(output)!["runs_as"]!;
        Assert.StartsWith("safetensors checkpoint (distilbert, no ONNX export)", runsAs, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Checkpoint(string family, EncoderHead head, string? modelType, IReadOnlyList<string>? labels = null) =>
        CheckpointWriter.WithHead(
            TestFixtures.PathOf(Path.Combine(Root, family)),
            Path.Combine(_dir, $"{family}-{modelType}-{head}".ToLowerInvariant()),
            head, labels, modelType, seed: (int)head + 1);

    /// <summary>The text without spaces and subword markers (<c>##</c>, <c>Ġ</c>), to compare a word with its span.</summary>
    private static string Letters(string text) =>
        new([.. text.Replace("##", string.Empty, StringComparison.Ordinal).Where(c => c != 'Ġ' && !char.IsWhiteSpace(c))]);

    private static async Task<JsonNode> RunJson(params string[] args)
    {
        var (code, output, error) = await CliRunner.RunAsync([.. args, "--json"]);
        Assert.True(code == 0, $"exit {code.ToString(CultureInfo.InvariantCulture)}: {error}");
        return JsonNode.Parse(output)!;
    }
}
