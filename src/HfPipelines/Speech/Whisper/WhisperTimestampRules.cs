namespace HfPipelines.Speech.Whisper;

/// <summary>
/// Whisper's timestamp rules (transformers' <c>WhisperTimeStampLogitsProcessor</c>): timestamps come in pairs
/// except before the end, never go back, the first token is a timestamp no later than
/// <c>max_initial_timestamp</c>, and a timestamp is forced when the timestamps together are likelier than any
/// text token.
/// </summary>
internal sealed class WhisperTimestampRules(WhisperTokens tokens, int promptLength, int maxInitialTimestampIndex)
{
    public void Apply(float[] scores, IReadOnlyList<int> sequence)
    {
        var begin = tokens.TimestampBegin;
        scores[tokens.NoTimestamps] = float.NegativeInfinity;
        var sampled = sequence.Skip(promptLength).ToList();
        var lastWasTimestamp = sampled.Count >= 1 && sampled[^1] >= begin;
        var penultimateWasTimestamp = sampled.Count < 2 || sampled[^2] >= begin;
        if (lastWasTimestamp)
        {
            Fill(scores, penultimateWasTimestamp ? begin : 0, penultimateWasTimestamp ? scores.Length : tokens.EndOfText);
        }

        var timestamps = sampled.Where(t => t >= begin).ToList();
        if (timestamps.Count > 0)
        {
            var last = lastWasTimestamp && !penultimateWasTimestamp ? timestamps[^1] : timestamps[^1] + 1;
            Fill(scores, begin, Math.Min(last, scores.Length));
        }

        if (sampled.Count == 0)
        {
            Fill(scores, 0, begin);
            Fill(scores, Math.Min(begin + maxInitialTimestampIndex + 1, scores.Length), scores.Length);
        }

        ForceTimestampWhenLikelier(scores, begin);
    }

    private static void ForceTimestampWhenLikelier(float[] scores, int begin)
    {
        var max = scores.Max();
        if (float.IsNegativeInfinity(max))
        {
            return;
        }

        double total = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            total += Math.Exp(scores[i] - max);
        }

        var logTotal = max + Math.Log(total);
        double timestampMass = 0;
        for (var i = begin; i < scores.Length; i++)
        {
            timestampMass += Math.Exp(scores[i] - max);
        }

        var timestampLogProb = max + Math.Log(timestampMass) - logTotal;
        var maxText = float.NegativeInfinity;
        for (var i = 0; i < begin; i++)
        {
            maxText = Math.Max(maxText, scores[i]);
        }

        if (timestampMass > 0 && timestampLogProb > maxText - logTotal)
        {
            Fill(scores, 0, begin);
        }
    }

    private static void Fill(float[] scores, int from, int to)
    {
        if (to > from)
        {
            Array.Fill(scores, float.NegativeInfinity, from, to - from);
        }
    }
}
