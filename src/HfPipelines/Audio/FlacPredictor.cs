namespace HfPipelines.Audio;

/// <summary>Undoes FLAC's fixed and linear predictors in place: sample = residual + prediction from the previous samples.</summary>
internal static class FlacPredictor
{
    /// <summary>Restores a FIXED subframe: warm-up samples first, then residuals, in <paramref name="s"/>.</summary>
    /// <param name="s">Warm-up samples followed by residuals; samples afterwards.</param>
    /// <param name="order">The predictor order, 0 to 4.</param>
    public static void RestoreFixed(Span<long> s, int order)
    {
        switch (order)
        {
            case 1:
                for (var i = 1; i < s.Length; i++)
                {
                    s[i] += s[i - 1];
                }

                break;
            case 2:
                for (var i = 2; i < s.Length; i++)
                {
                    s[i] += (2 * s[i - 1]) - s[i - 2];
                }

                break;
            case 3:
                for (var i = 3; i < s.Length; i++)
                {
                    s[i] += (3 * (s[i - 1] - s[i - 2])) + s[i - 3];
                }

                break;
            case 4:
                for (var i = 4; i < s.Length; i++)
                {
                    s[i] += (4 * (s[i - 1] + s[i - 3])) - (6 * s[i - 2]) - s[i - 4];
                }

                break;
        }
    }

    /// <summary>Restores an LPC subframe: each sample adds (sum of coefficient times earlier sample) shifted right.</summary>
    /// <param name="s">Warm-up samples followed by residuals; samples afterwards.</param>
    /// <param name="coefficients">The quantized coefficients; coefficient j multiplies the sample j + 1 back.</param>
    /// <param name="shift">The quantization shift (non-negative).</param>
    public static void RestoreLpc(Span<long> s, ReadOnlySpan<long> coefficients, int shift)
    {
        var order = coefficients.Length;
        Span<long> reversed = stackalloc long[order];
        for (var j = 0; j < order; j++)
        {
            reversed[order - 1 - j] = coefficients[j];
        }

        for (var i = order; i < s.Length; i++)
        {
            var history = s.Slice(i - order, order);
            long sum = 0;
            for (var j = 0; j < reversed.Length; j++)
            {
                sum += reversed[j] * history[j];
            }

            s[i] += sum >> shift;
        }
    }
}
