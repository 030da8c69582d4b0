using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HfPipelines.LlamaCpp;

/// <summary>
/// Vectorised passes over one step's logits (a vocabulary of floats), used to take candidates in descending
/// logit order without sorting the vocabulary: the maximum, how many reach a threshold, and the indices in a
/// band <c>[low, high)</c>. Stateless and thread-safe. NaN logits never match a band.
/// </summary>
internal static class LogitRanking
{
    /// <summary>The largest and smallest logit.</summary>
    public static (float Max, float Min) Range(ReadOnlySpan<float> scores)
    {
        var i = 0;
        var max = float.NegativeInfinity;
        var min = float.PositiveInfinity;
        if (Vector256.IsHardwareAccelerated && scores.Length >= Vector256<float>.Count)
        {
            var vmax = Vector256.Create(float.NegativeInfinity);
            var vmin = Vector256.Create(float.PositiveInfinity);
            var vectors = MemoryMarshal.Cast<float, Vector256<float>>(scores);
            foreach (var v in vectors)
            {
                vmax = Vector256.Max(vmax, v);
                vmin = Vector256.Min(vmin, v);
            }

            for (var j = 0; j < Vector256<float>.Count; j++)
            {
                max = Math.Max(max, vmax[j]);
                min = Math.Min(min, vmin[j]);
            }

            i = vectors.Length * Vector256<float>.Count;
        }

        for (; i < scores.Length; i++)
        {
            max = Math.Max(max, scores[i]);
            min = Math.Min(min, scores[i]);
        }

        return (max, min);
    }

    /// <summary>The first index holding <paramref name="value"/>, or -1.</summary>
    public static int IndexOf(ReadOnlySpan<float> scores, float value) => scores.IndexOf(value);

    /// <summary>How many logits are at least <paramref name="low"/>.</summary>
    public static int CountAtLeast(ReadOnlySpan<float> scores, float low)
    {
        var i = 0;
        var count = 0;
        if (Vector256.IsHardwareAccelerated && scores.Length >= Vector256<float>.Count)
        {
            var t = Vector256.Create(low);
            var vectors = MemoryMarshal.Cast<float, Vector256<float>>(scores);
            foreach (var v in vectors)
            {
                count += BitOperations.PopCount(Vector256.GreaterThanOrEqual(v, t).ExtractMostSignificantBits());
            }

            i = vectors.Length * Vector256<float>.Count;
        }

        for (; i < scores.Length; i++)
        {
            if (scores[i] >= low)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Writes, in index order, the indices whose logit lies in <c>[low, high)</c> and returns how many were written.
    /// <paramref name="destination"/> must hold every match.
    /// </summary>
    public static int CollectBand(ReadOnlySpan<float> scores, float low, float high, Span<int> destination)
    {
        var i = 0;
        var n = 0;
        if (Vector256.IsHardwareAccelerated && scores.Length >= Vector256<float>.Count)
        {
            var lo = Vector256.Create(low);
            var hi = Vector256.Create(high);
            var vectors = MemoryMarshal.Cast<float, Vector256<float>>(scores);
            for (var b = 0; b < vectors.Length; b++)
            {
                var v = vectors[b];
                var mask = (Vector256.GreaterThanOrEqual(v, lo) & Vector256.LessThan(v, hi)).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    destination[n++] = (b * Vector256<float>.Count) + BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                }
            }

            i = vectors.Length * Vector256<float>.Count;
        }

        for (; i < scores.Length; i++)
        {
            if (scores[i] >= low && scores[i] < high)
            {
                destination[n++] = i;
            }
        }

        return n;
    }

    /// <summary>
    /// A threshold <c>t</c> with at least <paramref name="wanted"/> logits <c>&gt;= t</c>, found by widening a band
    /// below the maximum (each try is one counting pass). Returns <see cref="float.NegativeInfinity"/> when the
    /// band would reach the minimum, so that the caller takes every remaining token.
    /// </summary>
    public static float ThresholdFor(ReadOnlySpan<float> scores, float max, float min, int wanted)
    {
        if (wanted >= scores.Length || !float.IsFinite(max) || !float.IsFinite(min) || max <= min)
        {
            return float.NegativeInfinity;
        }

        var width = (max - min) / 256f;
        while (true)
        {
            var threshold = max - width;
            if (threshold <= min)
            {
                return float.NegativeInfinity;
            }

            if (CountAtLeast(scores, threshold) >= wanted)
            {
                return threshold;
            }

            width *= 2f;
        }
    }
}
