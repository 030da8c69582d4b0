namespace HfPipelines.Tasks;

/// <summary>Continuous LexRank centrality over sentence vectors (Erkan and Radev, 2004).</summary>
internal static class LexRank
{
    private const int MaxIterations = 200;
    private const double Tolerance = 1e-9;

    /// <summary>Scores each vector by its centrality in the cosine-similarity graph; the scores sum to 1.</summary>
    public static double[] Score(IReadOnlyList<float[]> vectors, double damping, double threshold)
    {
        var n = vectors.Count;
        var weights = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var similarity = Cosine(vectors[i], vectors[j]);
                weights[i, j] = similarity >= threshold ? similarity : 0;
            }
        }

        NormalizeRows(weights, n);
        var scores = Enumerable.Repeat(1.0 / n, n).ToArray();
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var next = new double[n];
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var i = 0; i < n; i++)
                {
                    sum += scores[i] * weights[i, j];
                }

                next[j] = ((1 - damping) / n) + (damping * sum);
            }

            var delta = next.Zip(scores, (a, b) => Math.Abs(a - b)).Sum();
            scores = next;
            if (delta < Tolerance)
            {
                break;
            }
        }

        return scores;
    }

    private static void NormalizeRows(double[,] weights, int n)
    {
        for (var i = 0; i < n; i++)
        {
            double total = 0;
            for (var j = 0; j < n; j++)
            {
                total += weights[i, j];
            }

            for (var j = 0; j < n; j++)
            {
                weights[i, j] = total > 0 ? weights[i, j] / total : 1.0 / n;
            }
        }
    }

    internal static double Cosine(float[] a, float[] b)
    {
        if (a.Length != b.Length)
        {
            throw new InvalidOperationException($"Embedding sizes differ ({a.Length} and {b.Length}).");
        }

        double dot = 0, na = 0, nb = 0;
        for (var k = 0; k < a.Length; k++)
        {
            dot += a[k] * (double)b[k];
            na += a[k] * (double)a[k];
            nb += b[k] * (double)b[k];
        }

        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
