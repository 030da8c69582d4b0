namespace HfPipelines.Benchmarking;

/// <summary>Percentiles and medians the way numpy's default (linear interpolation) computes them.</summary>
internal static class Percentiles
{
    /// <summary>The p-th percentile (0-100) of the values; 0 for none.</summary>
    public static double Of(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var rank = p / 100.0 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
