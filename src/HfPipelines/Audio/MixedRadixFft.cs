using System.Numerics;

namespace HfPipelines.Audio;

/// <summary>
/// A complex FFT of any size whose prime factors are small (Whisper's 400 = 2^4 * 5^2), by recursive
/// mixed-radix decimation in time, in double precision. Immutable tables; <see cref="Transform"/> is
/// thread-safe when each caller passes its own buffers.
/// </summary>
internal sealed class MixedRadixFft
{
    private readonly Complex[] _twiddles;
    private readonly int[] _factors;

    /// <summary>Creates the transform of size <paramref name="size"/>.</summary>
    /// <param name="size">The length (at least 1).</param>
    public MixedRadixFft(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Size = size;
        _twiddles = new Complex[size];
        for (var k = 0; k < size; k++)
        {
            var angle = -2.0 * Math.PI * k / size;
            _twiddles[k] = new Complex(Math.Cos(angle), Math.Sin(angle));
        }

        var factors = new List<int>();
        var n = size;
        for (var p = 2; n > 1; p++)
        {
            while (n % p == 0)
            {
                factors.Add(p);
                n /= p;
            }
        }

        _factors = [.. factors];
    }

    /// <summary>The transform length.</summary>
    public int Size { get; }

    /// <summary>Computes the forward DFT.</summary>
    /// <param name="input">Input of length <see cref="Size"/>.</param>
    /// <param name="output">Output of length <see cref="Size"/> (not the input).</param>
    public void Transform(ReadOnlySpan<Complex> input, Span<Complex> output) => Recurse(input, 1, output, Size, 0);

    private void Recurse(ReadOnlySpan<Complex> input, int stride, Span<Complex> output, int n, int factorIndex)
    {
        if (n == 1)
        {
            output[0] = input[0];
            return;
        }

        var p = _factors[factorIndex];
        var m = n / p;
        for (var r = 0; r < p; r++)
        {
            Recurse(input[(r * stride)..], stride * p, output.Slice(r * m, m), m, factorIndex + 1);
        }

        // X[k + q m] = sum_r W_p^{r q} (W_n^{r k} Y_r[k]), with Y_r stored at output[r m ..]: twiddle, then a p-point DFT.
        var step = Size / n;
        var rootStep = Size / p;
        Span<Complex> column = stackalloc Complex[p];
        for (var k = 0; k < m; k++)
        {
            column[0] = output[k];
            for (var r = 1; r < p; r++)
            {
                column[r] = output[(r * m) + k] * _twiddles[r * k * step];
            }

            if (p == 2)
            {
                output[k] = column[0] + column[1];
                output[k + m] = column[0] - column[1];
                continue;
            }

            for (var q = 0; q < p; q++)
            {
                var sum = column[0];
                for (var r = 1; r < p; r++)
                {
                    sum += column[r] * _twiddles[(r * q % p) * rootStep];
                }

                output[k + (q * m)] = sum;
            }
        }
    }
}
