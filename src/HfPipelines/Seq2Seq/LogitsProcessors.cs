namespace HfPipelines.Seq2Seq;

/// <summary>
/// The logits processors of transformers' generation, applied in its order to one row of scores given the
/// row's decoder sequence so far: repetition penalty, no-repeat n-gram, bad words, min length, forced BOS,
/// forced EOS.
/// </summary>
internal static class LogitsProcessors
{
    public static void Apply(float[] scores, IReadOnlyList<int> sequence, Seq2SeqGenerationConfig config)
    {
        var length = sequence.Count;
        if (config.RepetitionPenalty != 1.0)
        {
            foreach (var token in sequence.Distinct())
            {
                var s = scores[token];
                scores[token] = (float)(s < 0 ? s * config.RepetitionPenalty : s / config.RepetitionPenalty);
            }
        }

        if (config.NoRepeatNgramSize > 0)
        {
            foreach (var banned in NoRepeatBanned(sequence, config.NoRepeatNgramSize))
            {
                scores[banned] = float.NegativeInfinity;
            }
        }

        foreach (var bad in config.BadWordsIds)
        {
            if (bad.Length > 0 && EndsWith(sequence, bad.AsSpan(0, bad.Length - 1)))
            {
                scores[bad[^1]] = float.NegativeInfinity;
            }
        }

        if (length < config.MinLength)
        {
            foreach (var eos in config.EosTokenIds)
            {
                scores[eos] = float.NegativeInfinity;
            }
        }

        foreach (var token in config.SuppressTokens)
        {
            scores[token] = float.NegativeInfinity;
        }

        if (length == config.DecoderPrompt.Count)
        {
            foreach (var token in config.BeginSuppressTokens)
            {
                scores[token] = float.NegativeInfinity;
            }
        }

        if (length == 1 && config.ForcedBosTokenId is { } bos)
        {
            ForceToken(scores, bos);
        }
        else if (length == config.EffectiveMaxLength - 1 && config.ForcedEosTokenId is { } forcedEos)
        {
            ForceToken(scores, forcedEos);
        }

        config.CustomProcessor?.Invoke(scores, sequence);
    }

    private static void ForceToken(float[] scores, int token)
    {
        Array.Fill(scores, float.NegativeInfinity);
        scores[token] = 0;
    }

    private static IEnumerable<int> NoRepeatBanned(IReadOnlyList<int> sequence, int n)
    {
        if (sequence.Count + 1 < n)
        {
            yield break;
        }

        // The last n-1 tokens followed by a token that completed the same prefix before.
        var prefixStart = sequence.Count - (n - 1);
        for (var start = 0; start + n <= sequence.Count; start++)
        {
            var matches = true;
            for (var k = 0; k < n - 1 && matches; k++)
            {
                matches = sequence[start + k] == sequence[prefixStart + k];
            }

            if (matches)
            {
                yield return sequence[start + n - 1];
            }
        }
    }

    private static bool EndsWith(IReadOnlyList<int> sequence, ReadOnlySpan<int> suffix)
    {
        if (suffix.Length > sequence.Count)
        {
            return false;
        }

        for (var k = 0; k < suffix.Length; k++)
        {
            if (sequence[sequence.Count - suffix.Length + k] != suffix[k])
            {
                return false;
            }
        }

        return true;
    }

    public static void LogSoftmax(float[] row)
    {
        var max = float.NegativeInfinity;
        foreach (var v in row)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        foreach (var v in row)
        {
            sum += Math.Exp(v - max);
        }

        var log = (float)(max + Math.Log(sum));
        for (var i = 0; i < row.Length; i++)
        {
            row[i] -= log;
        }
    }

    public static int ArgMax(float[] row)
    {
        var best = 0;
        for (var i = 1; i < row.Length; i++)
        {
            if (row[i] > row[best])
            {
                best = i;
            }
        }

        return best;
    }
}
