using HfPipelines.Speech.Whisper;

namespace HfPipelines.Tests.Speech.Whisper;

public class WhisperSequenceMergeTests
{
    [Fact]
    public void Merge_SeamTokens_NeitherDoubledNorLost()
    {
        var (tokens, _) = WhisperSequenceMerge.Merge([[1, 2, 3, 4, 5], [4, 5, 6, 7], [6, 7, 8, 9]], null);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], tokens);
    }

    [Fact]
    public void Merge_NoOverlapOrOneMatch_Concatenates()
    {
        // As transformers, an overlap needs two matching tokens.
        Assert.Equal([1, 2, 3, 4], WhisperSequenceMerge.Merge([[1, 2], [3, 4]], null).Tokens);
        Assert.Equal([1, 2, 3, 3, 4], WhisperSequenceMerge.Merge([[1, 2, 3], [3, 4]], null).Tokens);
    }

    [Fact]
    public void Merge_ConflictInOverlap_LeftHalfFromLeftRightHalfFromRight()
    {
        // Overlap [3, 9, 5, 6] against [3, 4, 5, 6]: three of four match; the join is in the middle of the overlap.
        var (tokens, _) = WhisperSequenceMerge.Merge([[1, 2, 3, 9, 5, 6], [3, 4, 5, 6, 7]], null);

        Assert.Equal([1, 2, 3, 9, 5, 6, 7], tokens);
    }

    [Fact]
    public void Merge_WithTimes_MatchWithinToleranceJoinsTimesToo()
    {
        // The right window hears 4 and 5 0.05 s earlier: still the same words (tolerance 0.1 s).
        var (tokens, times) = WhisperSequenceMerge.Merge(
            [[3, 4, 5], [4, 5, 6]],
            [[Span(0.5), Span(1.0), Span(1.2)], [Span(0.95), Span(1.15), Span(1.4)]]);

        Assert.Equal([3, 4, 5, 6], tokens);
        Assert.Equal([0.5, 1.0, 1.15, 1.4], times.Select(t => t.Start));
    }

    [Fact]
    public void Merge_WithTimes_SameTokensFarEarlier_NotMatchedAndBothKeptWhole()
    {
        // 4 and 5 in the right window start 0.2 s before the left ones: not the same words. With nothing matched, both
        // windows are kept whole, as Python's _find_longest_common_sequence (transformers.js 4.3 would drop 4 and 5).
        var (tokens, times) = WhisperSequenceMerge.Merge(
            [[3, 4, 5], [4, 5, 6]],
            [[Span(0.5), Span(1.0), Span(1.2)], [Span(0.8), Span(1.0), Span(1.3)]]);

        Assert.Equal([3, 4, 5, 4, 5, 6], tokens);
        Assert.Equal([0.5, 1.0, 1.2, 0.8, 1.0, 1.3], times.Select(t => t.Start));
    }

    [Fact]
    public void Merge_WithTimes_RightStartsBeforeLeftEnds_NothingDropped()
    {
        // A left window that ends on a later seek pass is timed near 30 s after its start; the next window's first token
        // (the rest of the same word) starts earlier. Python keeps it: " això" + "ople" = " aixòople".
        var (tokens, times) = WhisperSequenceMerge.Merge(
            [[44622, 16312], [548, 16312, 20923]],
            [[Span(35.94), Span(35.94)], [Span(9.0), Span(9.0), Span(9.0)]]);

        Assert.Equal([44622, 16312, 548, 16312, 20923], tokens);
        Assert.Equal([35.94, 35.94, 9.0, 9.0, 9.0], times.Select(t => t.Start));
    }

    private static TokenSpan Span(double start) => new(start, start + 0.1);
}
