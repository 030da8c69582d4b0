using HfPipelines.Speech.Whisper;
using HfPipelines.Tasks;
using static HfPipelines.Tests.Speech.Whisper.FakeWhisperTokenizer;

namespace HfPipelines.Tests.Speech.Whisper;

public class WhisperAsrDecoderTests
{
    private static readonly FakeWhisperTokenizer Tokenizer = new();
    private static readonly WhisperTokens Special = WhisperTokens.From(Tokenizer);

    [Fact]
    public void Decode_Segments_SplitAtTimestampPairsAndOffsetByEarlierWindows()
    {
        // A first 10 s window that says nothing, then: <|0.00|> w1 w2 <|0.40|><|0.40|> w3 <|0.60|> w4 (no closing timestamp).
        var (text, chunks) = Decode(
            WhisperTimestampMode.Segments,
            Window([EndOfText], 10),
            Window([Ts(0), 1, 2, Ts(0.4), Ts(0.4), 3, Ts(0.6), 4, EndOfText], 10));

        // As transformers: <|0.60|> closes " w3"; " w4" has no timestamp of its own, so neither end is known.
        Assert.Equal(" w1 w2 w3 w4", text);
        Assert.Equal([" w1 w2 [10, 10.4]", " w3 [10.4, 10.6]", " w4 [, ]"], Describe(chunks!));
    }

    [Fact]
    public void Decode_ClosingTimestampEqualToOpening_TakenAsOpening()
    {
        var (_, chunks) = Decode(WhisperTimestampMode.Segments, Window([Ts(0.2), 1, Ts(0.2), 2, Ts(0.6), EndOfText], 2));

        Assert.Equal([" w1 w2 [0.2, 0.6]"], Describe(chunks!));
    }

    [Fact]
    public void Decode_SecondPassAfterTimestampPair_OffsetByWhereTheLastSegmentEnded()
    {
        // Pass 1 ends with the pair <|2.00|><|2.00|> (its unfinished segment dropped); pass 2 starts again at <|0.00|>, 2 s in.
        var (_, chunks) = Decode(
            WhisperTimestampMode.Segments,
            Window([Ts(0), 1, Ts(1.0), Ts(1.0), 2, Ts(2.0), Ts(2.0), Ts(0), 3, Ts(0.5), EndOfText], 30));

        Assert.Equal([" w1 [0, 1]", " w2 [1, 2]", " w3 [2, 2.5]"], Describe(chunks!));
    }

    [Fact]
    public void Decode_SecondPassAfterSingleTimestampEnding_Offset30Seconds()
    {
        var (_, chunks) = Decode(WhisperTimestampMode.Segments, Window([Ts(0), 1, Ts(1.0), Ts(0.2), 2, Ts(0.6), EndOfText], 60));

        Assert.Equal([" w1 [0, 1]", " w2 [30.2, 30.6]"], Describe(chunks!));
    }

    [Fact]
    public void Decode_NoTimestamps_TextOnly()
    {
        var (text, chunks) = Decode(WhisperTimestampMode.None, Window([1, 2, Period, EndOfText], 2));

        Assert.Equal(" w1 w2.", text);
        Assert.Null(chunks);
    }

    [Fact]
    public void Decode_Words_PunctuationLastsOneStep()
    {
        // The full stop is heard at 0.3 s and the next token at 0.8 s: the pause after it is not the full stop's.
        var (_, chunks) = Decode(
            WhisperTimestampMode.Words,
            Window([Ts(0), 1, Period, Ts(1.0), EndOfText], 2, times: [0, 0.1, 0.3, 0.8, 0.8]));

        Assert.Equal([" w1. [0.1, 0.32]"], Describe(chunks!));
    }

    [Fact]
    public void Decode_Words_NoWordEndsAfterItsSegment()
    {
        // The alignment hears the closing timestamp at 0.9 s, but the segment ends at 0.5 s.
        var (_, chunks) = Decode(
            WhisperTimestampMode.Words,
            Window([Ts(0), 1, 2, Ts(0.5), EndOfText], 2, times: [0, 0.1, 0.3, 0.9, 0.9]));

        Assert.Equal([" w1 [0.1, 0.3]", " w2 [0.3, 0.5]"], Describe(chunks!));
    }

    [Fact]
    public void Decode_WordsWithoutTimes_ArgumentError()
    {
        Assert.Throws<ArgumentException>(() => Decode(WhisperTimestampMode.Words, Window([Ts(0), 1, Ts(0.2)], 2)));
    }

    private static (string Text, List<SpeechChunk>? Chunks) Decode(WhisperTimestampMode mode, params WhisperWindowOutput[] windows) =>
        WhisperAsrDecoder.Decode(windows, Special, Tokenizer, mode);

    private static WhisperWindowOutput Window(int[] tokens, double seconds, double[]? times = null) =>
        new(tokens, times, seconds, 0, 0, "en");

    private static string[] Describe(IEnumerable<SpeechChunk> chunks) =>
        [.. chunks.Select(c => FormattableString.Invariant($"{c.Text} [{c.Timestamp[0]}, {c.Timestamp[1]}]"))];
}
