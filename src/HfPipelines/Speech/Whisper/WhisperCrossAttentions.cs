namespace HfPipelines.Speech.Whisper;

/// <summary>
/// Collects, during one greedy generation, the cross attention rows ([heads, positions, encoder frames] per decoder
/// run and layer) of the alignment heads, row by decoder position.
/// </summary>
internal sealed class WhisperCrossAttentions(IReadOnlyList<(int Layer, int Head)> heads, Func<int, string> outputName)
{
    private readonly List<float[]?>[] _rows = [.. heads.Select(_ => new List<float[]?>())];

    /// <summary>Keeps the alignment heads' rows of one layer of one decoder run (a <see cref="WhisperCrossAttentionObserver"/>).</summary>
    public void Observe(int layer, ReadOnlySpan<float> weights, int headCount, int positions, int frames, int firstPosition)
    {
        for (var h = 0; h < heads.Count; h++)
        {
            var (wanted, head) = heads[h];
            if (wanted != layer)
            {
                continue;
            }

            if (head >= headCount)
            {
                throw new WhisperWordTimestampsException(
                    $"'{outputName(layer)}' has shape [1, {headCount}, {positions}, {frames}]; alignment head ({layer}, {head}) needs [1, heads > {head}, positions, frames]. Check alignment_heads in generation_config.json against the export.");
            }

            for (var p = 0; p < positions; p++)
            {
                Set(_rows[h], firstPosition + p, weights.Slice(((head * positions) + p) * frames, frames).ToArray());
            }
        }
    }

    /// <summary>For each alignment head, the rows of the first <paramref name="positions"/> decoder positions over
    /// the first <paramref name="frames"/> encoder frames (fewer where the encoder has fewer).</summary>
    public double[][][] Weights(int positions, int frames)
    {
        var result = new double[heads.Count][][];
        for (var h = 0; h < heads.Count; h++)
        {
            result[h] = new double[positions][];
            for (var p = 0; p < positions; p++)
            {
                var row = p < _rows[h].Count ? _rows[h][p] : null;
                if (row is null)
                {
                    throw new InvalidOperationException($"No cross attentions were recorded for decoder position {p}.");
                }

                result[h][p] = [.. row.Take(Math.Min(frames, row.Length)).Select(v => (double)v)];
            }
        }

        return result;
    }

    private static void Set(List<float[]?> rows, int position, float[] row)
    {
        while (rows.Count <= position)
        {
            rows.Add(null);
        }

        rows[position] = row;
    }
}
