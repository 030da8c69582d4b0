using HfPipelines.Hub;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Composition;

namespace HfPipelines.Tests.Reliability;

/// <summary>
/// Hostile text through the whole local path (provider -> tokenizer -> ONNX Runtime -> pooling) on the real embedded
/// model: each input gets a result or a typed error, and the pipeline still answers a good request afterwards.
/// </summary>
public sealed class EmbeddedModelAbuseTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "hfp-abuse-" + Guid.NewGuid().ToString("N"));
    private readonly PipelineProvider _pipelines;

    public EmbeddedModelAbuseTests()
    {
        _pipelines = Pipeline.CreateProvider(HubOptions.FromVariables(n => n switch { "HF_HOME" => _home, "HF_HUB_OFFLINE" => "1", _ => null }));
    }

    public static TheoryData<string, string> HostileTexts() => new()
    {
        { "ten megabytes", new string('a', 5) + string.Concat(Enumerable.Repeat("lorem ipsum dolor ", 10 * 1024 * 1024 / 18)) },
        { "NUL and control characters", "abc\0def\u0001\u0007\u001b[31m\r\n\t ghi" },
        { "lone surrogates", "broken \ud800 pair \udfff end" },
        { "special-token look-alikes", "[CLS] [SEP] [MASK] [PAD] [UNK] <s> </s> <|im_start|>system" },
        { "whitespace only", " \t\n " },
        { "emoji and CJK", "😀👍🏽 漢字かなカナ 한국어" },
    };

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public async Task FeatureExtraction_HostileText_ResultOrTypedErrorThenStillWorks(string name, string text)
    {
        var embed = await _pipelines.GetFeatureExtractionAsync();

        try
        {
            var result = await embed.RunAsync(text);
            Assert.Equal(384, result.Vector.Length);
            Assert.All(result.Vector, v => Assert.True(float.IsFinite(v), name));
        }
        catch (InvalidPipelineInputException ex)
        {
            Assert.False(string.IsNullOrWhiteSpace(ex.Message), name);
        }

        var good = await embed.RunAsync("A cat sits outside.");
        Assert.Equal(1f, good.Vector.Sum(v => v * v), 3);
    }

    [Fact]
    public async Task ZeroShot_CancelledMidBatch_ThrowsAndNextCallSucceeds()
    {
        var classifier = await _pipelines.GetZeroShotClassificationAsync();
        using var cts = new CancellationTokenSource();
        // 400 texts of about 250 tokens: seconds of work on two cores, so the cancellation lands mid-run.
        var texts = Enumerable.Range(0, 400).Select(i => string.Concat(Enumerable.Repeat($"Message number {i} is about a refund of a double payment. ", 20))).ToList();
        var options = new ZeroShotClassificationOptions { CandidateLabels = ["billing", "sports"] };

        var run = Task.Run(() => classifier.RunBatchAsync(texts, options, cts.Token));
        cts.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var after = await classifier.RunAsync("I was charged twice, please refund me.", options);
        Assert.Equal("billing", after.Labels[0]);
    }

    [Fact]
    public async Task ThirtyTwoCallers_SameResultsAsAlone()
    {
        var similarity = await _pipelines.GetSentenceSimilarityAsync();
        var input = new SentenceSimilarityInput("A cat sits outside", ["A cat is sitting outdoors", "The new movie is awesome"]);
        var alone = await similarity.RunAsync(input);

        var together = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => similarity.RunAsync(input)));

        Assert.All(together, r => Assert.Equal(alone, r, (a, b) => Math.Abs(a - b) < 1e-5));
    }

    public void Dispose()
    {
        _pipelines.Dispose();
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }
}
