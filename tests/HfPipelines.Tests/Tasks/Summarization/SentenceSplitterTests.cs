using HfPipelines.Tasks;

namespace HfPipelines.Tests.Tasks.Summarization;

public class SentenceSplitterTests
{
    [Fact]
    public void Split_Abbreviations_AreNotBoundaries()
    {
        const string text = "Dr. Smith met Mr. J. Doe at 5 p.m. today. They talked! Did it go well? \"Yes.\" It did.";

        var sentences = SentenceSplitter.Split(text).Select(s => s.Text).ToList();

        Assert.Equal(["Dr. Smith met Mr. J. Doe at 5 p.m. today.", "They talked!", "Did it go well?", "\"Yes.\"", "It did."], sentences);
    }

    [Fact]
    public void Split_Offsets_PointIntoTheText()
    {
        const string text = "  First one.\n\nSecond one without stop\nstill second.";

        var sentences = SentenceSplitter.Split(text);

        Assert.Equal(2, sentences.Count);
        foreach (var (sentence, start, end) in sentences)
        {
            Assert.Equal(sentence, text[start..end]);
        }

        Assert.Equal("Second one without stop\nstill second.", sentences[1].Text);
    }

    [Fact]
    public void Split_Empty_ReturnsNothing()
    {
        Assert.Empty(SentenceSplitter.Split("   "));
    }
}
