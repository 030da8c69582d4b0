using HfPipelines.Tasks;

namespace HfPipelines.Tests.Tasks.Summarization;

public class ExtractiveSummarizationPipelineTests
{
    private const string Document =
        "Cats sleep most of the day. The weather was cold in March. Cats like warm places to sleep. " +
        "Dogs bark at night. A sleeping cat is a happy cat.";

    // Topic vectors: cat sentences share the first axis, so they are central; the others are outliers.
    private static float[] Embed(string sentence) => sentence switch
    {
        _ when sentence.Contains("cat", StringComparison.OrdinalIgnoreCase) && sentence.Contains("warm") => [1f, 0.2f, 0f, 0f],
        _ when sentence.Contains("cat", StringComparison.OrdinalIgnoreCase) && sentence.Contains("happy") => [1f, 0f, 0.1f, 0f],
        _ when sentence.Contains("cat", StringComparison.OrdinalIgnoreCase) => [1f, 0.1f, 0.05f, 0f],
        _ when sentence.Contains("Dogs") => [0.3f, 1f, 0f, 0f],
        _ => [0f, 0f, 0f, 1f],
    };

    [Fact]
    public async Task RunAsync_TwoSentenceBudget_ReturnsMostCentralInDocumentOrder()
    {
        // The first cat sentence sits between the other two; of those, the "warm" one is also close to the
        // dog sentence (cosine 0.47 against 0.29), so it is more central than the "happy" one.
        using var fake = new FakeEmbeddingPipeline(Embed);
        using var summarizer = new ExtractiveSummarizationPipeline(fake, new ExtractiveSummarizationOptions { MaxSentences = 2 });

        var result = await summarizer.RunAsync(Document);

        Assert.Equal("Cats sleep most of the day. Cats like warm places to sleep.", result.SummaryText);
        Assert.Equal(5, fake.Calls);
    }

    [Fact]
    public async Task RunAsync_WordBudget_KeepsWithinBudget()
    {
        using var fake = new FakeEmbeddingPipeline(Embed);
        using var summarizer = new ExtractiveSummarizationPipeline(fake);

        var result = await summarizer.RunAsync(Document, new SummarizationOptions { MaxLength = 11 });

        // The most central ("warm", 6 words) goes in; the next two (6 and 7 words) would pass 11; the next
        // that fits is the 4-word dog sentence.
        Assert.Equal("Cats like warm places to sleep. Dogs bark at night.", result.SummaryText);
    }

    [Fact]
    public async Task RunAsync_SingleSentence_ReturnsItWithoutEmbedding()
    {
        using var fake = new FakeEmbeddingPipeline(Embed);
        using var summarizer = new ExtractiveSummarizationPipeline(fake);

        var result = await summarizer.RunAsync("  Only one sentence here.  ");

        Assert.Equal("Only one sentence here.", result.SummaryText);
        Assert.Equal(0, fake.Calls);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public async Task RunAsync_EmptyText_ThrowsInvalidInput(string text)
    {
        using var fake = new FakeEmbeddingPipeline(Embed);
        using var summarizer = new ExtractiveSummarizationPipeline(fake);

        await Assert.ThrowsAsync<InvalidPipelineInputException>(() => summarizer.RunAsync(text));
    }

    [Fact]
    public void Dispose_OwnedEmbeddings_DisposesThem()
    {
        var fake = new FakeEmbeddingPipeline(Embed);
        new ExtractiveSummarizationPipeline(fake, ownsEmbeddings: true).Dispose();
        Assert.True(fake.Disposed);

        var borrowed = new FakeEmbeddingPipeline(Embed);
        new ExtractiveSummarizationPipeline(borrowed).Dispose();
        Assert.False(borrowed.Disposed);
    }

    [Fact]
    public void Constructor_BadSettings_ThrowsNamingTheOption()
    {
        using var fake = new FakeEmbeddingPipeline(Embed);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ExtractiveSummarizationPipeline(fake, new ExtractiveSummarizationOptions { Damping = 0 }));
        Assert.Equal("Damping", ex.ParamName);
    }
}
