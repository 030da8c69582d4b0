namespace HfPipelines.Speech.Whisper;

/// <summary>
/// Joins the token sequences of overlapping windows, as transformers' <c>_find_longest_common_sequence</c>: each
/// next sequence is slid along the end of the text so far, the overlap with the best share of matching tokens wins
/// (at least two matches; longer overlaps win ties), and the join is made in the middle of that overlap, trusting
/// the left window for its first half and the right window for the rest. With token times (word timestamps) the
/// times are joined the same way, and a match also needs the left token to start no more than
/// <see cref="Tolerance"/> after the right one, as transformers.js 4.3 refines Python (the alignment of one word
/// differs a little between windows; Python asks for exact order). When nothing matches, both windows are kept whole,
/// as in Python. transformers.js 4.3 then drops the right window's tokens that start before the last left token; we
/// do not: that loses words whenever the left window ends on a later seek pass (timed near 30 s after its start), as
/// in the 5 s chunked case of docs/parity.md, where it cut Python's <c>aixòople</c> to <c>això</c>.
/// </summary>
internal static class WhisperSequenceMerge
{
    /// <summary>Seconds by which a token matched across windows may start earlier in the right window.</summary>
    public const double Tolerance = 0.1;

    /// <summary>Merges the sequences (and their token times when given, one list per sequence).</summary>
    public static (List<int> Tokens, List<TokenSpan> Times) Merge(IReadOnlyList<IReadOnlyList<int>> sequences, IReadOnlyList<IReadOnlyList<TokenSpan>>? times)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var withTimes = times is { Count: > 0 };
        var left = sequences.Count == 0 ? [] : sequences[0].ToList();
        var leftTimes = withTimes ? times![0].ToList() : [];
        var total = new List<int>();
        var totalTimes = new List<TokenSpan>();
        for (var s = 1; s < sequences.Count; s++)
        {
            var right = sequences[s];
            var rightTimes = withTimes ? times![s] : null;
            var (leftStart, leftStop, rightStart, rightStop) = BestOverlap(left, leftTimes, right, rightTimes);
            var leftMid = (leftStop + leftStart) / 2;
            var rightMid = (rightStop + rightStart) / 2;

            total.AddRange(left.Take(leftMid));
            left = [.. right.Skip(rightMid)];
            if (withTimes)
            {
                totalTimes.AddRange(leftTimes.Take(leftMid));
                leftTimes = [.. rightTimes!.Skip(rightMid)];
            }
        }

        total.AddRange(left);
        totalTimes.AddRange(leftTimes);
        return (total, totalTimes);
    }

    private static (int LeftStart, int LeftStop, int RightStart, int RightStop) BestOverlap(
        List<int> left, List<TokenSpan> leftTimes, IReadOnlyList<int> right, IReadOnlyList<TokenSpan>? rightTimes)
    {
        var best = 0.0;
        var bestIndices = (left.Count, left.Count, 0, 0);
        for (var i = 1; i < left.Count + right.Count; i++)
        {
            var leftStart = Math.Max(0, left.Count - i);
            var leftStop = Math.Min(left.Count, left.Count + right.Count - i);
            var rightStart = Math.Max(0, i - left.Count);
            var matches = 0;
            for (var k = 0; k < leftStop - leftStart; k++)
            {
                var same = left[leftStart + k] == right[rightStart + k];
                if (same && (rightTimes is null || leftTimes[leftStart + k].Start - Tolerance <= rightTimes[rightStart + k].Start))
                {
                    matches++;
                }
            }

            // The epsilon favours long perfect matches.
            var matching = ((double)matches / i) + (i / 10000.0);
            if (matches > 1 && matching > best)
            {
                best = matching;
                bestIndices = (leftStart, leftStop, rightStart, Math.Min(right.Count, i));
            }
        }

        return bestIndices;
    }
}
