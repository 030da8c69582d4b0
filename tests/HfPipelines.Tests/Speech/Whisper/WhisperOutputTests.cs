using HfPipelines.Speech.Whisper;
using static HfPipelines.Tests.Speech.Whisper.FakeWhisperTokenizer;

namespace HfPipelines.Tests.Speech.Whisper;

public class WhisperOutputTests
{
    private static readonly FakeWhisperTokenizer Tokenizer = new();
    private static readonly WhisperTokens Tokens = WhisperTokens.From(Tokenizer);

    [Fact]
    public void From_FindsSpecialTokensAndLanguages()
    {
        Assert.Equal(StartOfTranscript, Tokens.StartOfTranscript);
        Assert.Equal(TimestampBegin, Tokens.TimestampBegin);
        Assert.Equal(new Dictionary<string, int> { ["en"] = English, ["fr"] = French }, Tokens.Languages);
    }

    [Fact]
    public void Segments_TimestampPairs_BecomeChunksWithOffset()
    {
        // <|0.00|> w1 w2 <|0.40|><|0.40|> w3 <|0.60|> w4 (no closing timestamp) <|endoftext|>
        int[] tokens = [TimestampBegin, 1, 2, TimestampBegin + 20, TimestampBegin + 20, 3, TimestampBegin + 30, 4, EndOfText];

        var chunks = WhisperOutput.Segments(tokens, Tokens, Tokenizer, offsetSeconds: 10);

        Assert.Equal(3, chunks.Count);
        Assert.Equal("w1 w2 ", chunks[0].Text);
        Assert.Equal([10.0, 10.4], chunks[0].Timestamp);
        Assert.Equal([10.4, 10.6], chunks[1].Timestamp);
        Assert.Equal("w4 ", chunks[2].Text);
        Assert.Null(chunks[2].Timestamp[1]);
    }

    [Fact]
    public void MergeOverlapping_SeamWords_AreNeitherDoubledNorLost()
    {
        IReadOnlyList<int>[] windows = [[1, 2, 3, 4, 5], [4, 5, 6, 7], [6, 7, 8, 9]];

        var merged = WhisperOutput.MergeOverlapping(windows);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], merged);
    }

    [Fact]
    public void MergeOverlapping_NoOverlap_Concatenates()
    {
        var merged = WhisperOutput.MergeOverlapping([[1, 2], [3, 4]]);

        Assert.Equal([1, 2, 3, 4], merged);
    }
}
