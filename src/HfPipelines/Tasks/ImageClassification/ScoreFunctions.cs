namespace HfPipelines.Tasks;

/// <summary>Softmax / sigmoid / identity over logits, computed in double like numpy's float promotion.</summary>
internal static class ScoreFunctions
{
    /// <summary>Applies a function to one row of logits.</summary>
    /// <param name="logits">The logits.</param>
    /// <param name="function">Sigmoid, Softmax or None.</param>
    /// <returns>The scores.</returns>
    public static float[] Apply(float[] logits, ClassificationFunction function)
    {
        var scores = new float[logits.Length];
        switch (function)
        {
            case ClassificationFunction.Sigmoid:
                for (var i = 0; i < logits.Length; i++)
                {
                    scores[i] = (float)(1.0 / (1.0 + Math.Exp(-logits[i])));
                }

                break;
            case ClassificationFunction.Softmax:
                var max = logits.Max();
                var sum = 0.0;
                for (var i = 0; i < logits.Length; i++)
                {
                    sum += Math.Exp(logits[i] - max);
                }

                for (var i = 0; i < logits.Length; i++)
                {
                    scores[i] = (float)(Math.Exp(logits[i] - max) / sum);
                }

                break;
            default:
                logits.CopyTo(scores, 0);
                break;
        }

        return scores;
    }
}
