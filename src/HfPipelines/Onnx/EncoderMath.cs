using HfPipelines.Tasks;

namespace HfPipelines.Onnx;

/// <summary>The small numeric helpers of the encoder tasks, written as numpy does them in the Python pipelines.</summary>
internal static class EncoderMath
{
    /// <summary>Softmax with the max subtracted first (Python's <c>shifted_exp / shifted_exp.sum()</c>).</summary>
    public static float[] Softmax(ReadOnlySpan<float> values)
    {
        var max = float.NegativeInfinity;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        var result = new float[values.Length];
        double sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var e = Math.Exp(values[i] - max);
            result[i] = (float)e;
            sum += e;
        }

        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)(result[i] / sum);
        }

        return result;
    }

    public static float[] Sigmoid(ReadOnlySpan<float> values)
    {
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = (float)(1.0 / (1.0 + Math.Exp(-values[i])));
        }

        return result;
    }

    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        var denominator = Math.Max(Math.Sqrt(na) * Math.Sqrt(nb), 1e-12);
        return (float)(dot / denominator);
    }

    public static void NormalizeInPlace(Span<float> vector)
    {
        double sum = 0;
        foreach (var v in vector)
        {
            sum += v * v;
        }

        var norm = Math.Max(Math.Sqrt(sum), 1e-12);
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(vector[i] / norm);
        }
    }

    /// <summary>Pools token vectors [sequence, hidden] into sentence vectors (one row unless <see cref="PoolingMode.None"/>).</summary>
    public static IReadOnlyList<float[]> Pool(OutputTensor hidden, int[] attentionMask, PoolingMode pooling, bool normalize)
    {
        List<float[]> rows;
        if (hidden.Shape.Length == 1)
        {
            rows = [(float[])hidden.Data.Clone()];
        }
        else if (pooling == PoolingMode.None)
        {
            rows = Enumerable.Range(0, hidden.Shape[0]).Select(t => hidden.Row(t).ToArray()).ToList();
        }
        else if (pooling == PoolingMode.Cls)
        {
            rows = [hidden.Row(0).ToArray()];
        }
        else
        {
            rows = [MeanPool(hidden, attentionMask)];
        }

        if (normalize)
        {
            rows.ForEach(r => NormalizeInPlace(r));
        }

        return rows;
    }

    private static float[] MeanPool(OutputTensor hidden, int[] attentionMask)
    {
        var width = hidden.Shape[^1];
        var sum = new double[width];
        double count = 0;
        for (var t = 0; t < hidden.Shape[0]; t++)
        {
            if (t < attentionMask.Length && attentionMask[t] == 0)
            {
                continue;
            }

            var row = hidden.Row(t);
            for (var i = 0; i < width; i++)
            {
                sum[i] += row[i];
            }

            count++;
        }

        var denominator = Math.Max(count, 1e-9);
        return sum.Select(s => (float)(s / denominator)).ToArray();
    }
}
