namespace HfPipelines.Onnx;

/// <summary>
/// Cuts inputs sorted by length into padded batches. Each batch costs one model run plus its padded tokens (count times
/// the longest length); the cut minimises the sum, counting a run as <see cref="RunCostInTokens"/> padded tokens, with at
/// most <c>maxItems</c> inputs and <see cref="MaxPaddedTokens"/> padded tokens per batch (a single longer input runs
/// alone). On CPU a run of all-MiniLM-L6-v2 costs about 1.3 ms before its first token (the weights are read once per run)
/// and about 0.06 ms per padded token: similar lengths go together, and a jump in length starts a new batch.
/// </summary>
internal static class SubBatchPlanner
{
    /// <summary>What one more model run costs, in padded tokens.</summary>
    public const int RunCostInTokens = 24;

    /// <summary>The most padded tokens in one batch (bounds the activations of long inputs).</summary>
    public const int MaxPaddedTokens = 4096;

    /// <summary>The batches of inputs whose lengths are <paramref name="sortedLengths"/> (ascending), as counts in order.</summary>
    /// <param name="sortedLengths">The token counts, smallest first.</param>
    /// <param name="maxItems">The most inputs in one batch.</param>
    /// <returns>How many consecutive inputs each batch takes.</returns>
    public static List<int> Plan(ReadOnlySpan<int> sortedLengths, int maxItems)
    {
        var n = sortedLengths.Length;
        var best = new long[n + 1];
        var cut = new int[n + 1];
        for (var end = 1; end <= n; end++)
        {
            best[end] = long.MaxValue;
            var longest = sortedLengths[end - 1];
            for (var start = end - 1; start >= 0 && end - start <= maxItems; start--)
            {
                var count = end - start;
                if (count > 1 && (long)count * longest > MaxPaddedTokens)
                {
                    break;
                }

                var cost = best[start] + RunCostInTokens + ((long)count * longest);
                if (cost <= best[end])
                {
                    best[end] = cost;
                    cut[end] = start;
                }
            }
        }

        var counts = new List<int>();
        for (var end = n; end > 0; end = cut[end])
        {
            counts.Add(end - cut[end]);
        }

        counts.Reverse();
        return counts;
    }
}
