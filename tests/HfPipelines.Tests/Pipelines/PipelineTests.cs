using HfPipelines.Hub;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Composition;

namespace HfPipelines.Tests.Pipelines;

/// <summary>
/// The top-level factory on the real embedded model (all-MiniLM-L6-v2 from the NuGet package), offline, with an
/// empty cache: what <c>hfp demo</c> and the README's tour do.
/// </summary>
public sealed class PipelineTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "hfp-home-" + Guid.NewGuid().ToString("N"));

    private PipelineProvider Provider() =>
        Pipeline.CreateProvider(HubOptions.FromVariables(name => name switch
        {
            "HF_HOME" => _home,
            "HF_HUB_OFFLINE" => "1",
            _ => Environment.GetEnvironmentVariable(name),
        }));

    [Fact]
    public async Task ZeroShot_EmbeddedModelOffline_RanksTheRightLabelFirst()
    {
        using var pipelines = Provider();
        var classifier = await pipelines.GetZeroShotClassificationAsync();

        string[] labels = ["sports", "politics", "cooking", "technology", "billing"];
        var texts = new Dictionary<string, string>
        {
            ["The team won the football match after a late goal."] = "sports",
            ["The parliament voted on the new tax law."] = "politics",
            ["Preheat the oven and bake the bread for forty minutes."] = "cooking",
            ["I was charged twice for my subscription, please refund me."] = "billing",
        };

        var results = await classifier.RunBatchAsync([.. texts.Keys], new ZeroShotClassificationOptions { CandidateLabels = labels });

        Assert.Equal(texts.Values, results.Select(r => r.Labels[0]));
        var result = results[0];
        Assert.Equal(1f, result.Scores.Sum(), 3);
    }

    [Fact]
    public async Task Similarity_EmbeddedModel_ParaphraseScoresHigher()
    {
        using var pipelines = Provider();
        var similarity = await pipelines.GetSentenceSimilarityAsync();

        var scores = await similarity.RunAsync(new SentenceSimilarityInput("A cat sits outside", ["A cat is sitting outdoors", "The new movie is awesome"]));

        Assert.True(scores[0] > scores[1] + 0.3f, $"paraphrase {scores[0]} vs unrelated {scores[1]}");
    }

    [Fact]
    public async Task Summarization_EmbeddingModel_IsExtractive()
    {
        using var pipelines = Provider();
        var summarizer = await pipelines.GetSummarizationAsync();
        const string text = "The council approved the new budget on Monday. Schools will get more money for teachers. " +
            "The weather was sunny. The budget also funds teachers' training and new school buildings. Parking fees rise next year.";

        var summary = await summarizer.RunAsync(text, new SummarizationOptions { MaxLength = 20 });

        Assert.IsType<ExtractiveSummarizationPipeline>(summarizer);
        var sentences = SentenceSplitter.Split(summary.SummaryText).Select(s => s.Text).ToList();
        Assert.NotEmpty(sentences);
        Assert.All(sentences, s => Assert.Contains(s, text));
        Assert.True(summary.SummaryText.Split(' ').Length <= 20);
        Assert.DoesNotContain("weather", summary.SummaryText);
    }

    [Fact]
    public async Task GetAsync_SamePipelineTwice_LoadsOnce()
    {
        using var pipelines = Provider();

        var first = await pipelines.GetFeatureExtractionAsync();
        var second = await pipelines.GetFeatureExtractionAsync(PipelineProviderOptions.EmbeddedModelId);

        Assert.Same(first, second);
        Assert.Equal(1, pipelines.LoadedCount);
    }

    [Fact]
    public async Task GetAsync_MissingModelOffline_ThrowsNamingTheFetchCommand()
    {
        using var pipelines = Provider();

        var ex = await Assert.ThrowsAsync<ModelNotFoundException>(() => pipelines.GetTextClassificationAsync("nobody/no-such-model").AsTask());

        Assert.Contains("hfp models pull nobody/no-such-model", ex.Message);
    }

    [FixtureFact("onnx/mobilenetv2-12-int8")]
    public async Task ImageClassification_LocalFolder_TabbyCatFirst()
    {
        using var pipelines = Provider();
        var classifier = await pipelines.GetImageClassificationAsync(TestFixtures.PathOf("onnx/mobilenetv2-12-int8"));

        var labels = await classifier.RunAsync(ImageInput.FromFile(TestFixtures.PathOf("images/coco-000000039769-two-cats.png")));

        Assert.Contains("tabby", labels[0].Label);
    }

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }
}
