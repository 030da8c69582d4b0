namespace HfPipelines.Seq2Seq;

/// <summary>
/// Multinomial sampling of the next token as transformers' <c>do_sample=True</c>: the processed scores go through its
/// warpers in its order (temperature, top-k, top-p), then a token is drawn from their softmax. Not thread-safe: one
/// per generation.
/// </summary>
internal sealed class TokenSampler(Seq2SeqGenerationConfig config)
{
    private readonly Random _random = config.Seed is { } seed ? new Random(seed) : new Random();

    public int Next(float[] scores)
    {
        var order = Enumerable.Range(0, scores.Length).Where(i => !float.IsNegativeInfinity(scores[i])).OrderByDescending(i => scores[i]).ToList();
        if (order.Count == 0)
        {
            return LogitsProcessors.ArgMax(scores);
        }

        if (config.TopK > 0 && order.Count > config.TopK)
        {
            order.RemoveRange(config.TopK, order.Count - config.TopK);
        }

        var max = scores[order[0]] / config.Temperature;
        var weights = order.Select(i => Math.Exp((scores[i] / config.Temperature) - max)).ToArray();
        var total = weights.Sum();
        if (config.TopP < 1.0)
        {
            // Keep the smallest head whose probability reaches top_p (at least one token), as TopPLogitsWarper.
            var (kept, sum) = (0, 0.0);
            while (kept < weights.Length && (kept == 0 || sum < config.TopP * total))
            {
                sum += weights[kept++];
            }

            (weights, total) = (weights[..kept], sum);
        }

        var draw = _random.NextDouble() * total;
        for (var k = 0; k < weights.Length; k++)
        {
            draw -= weights[k];
            if (draw <= 0)
            {
                return order[k];
            }
        }

        return order[weights.Length - 1];
    }
}
