namespace HfPipelines.Audio;

/// <summary>
/// A streaming band-limited resampler: Kaiser-windowed sinc (16 zero crossings, beta 8.6, cut-off at 0.95
/// of the lower Nyquist), evaluated at exact rational positions so long inputs do not drift. Feed blocks
/// with <see cref="Process"/>, then call <see cref="Flush"/> once. Not thread-safe; one per stream.
/// </summary>
public sealed class StreamingResampler
{
    private const int ZeroCrossings = 16;
    private const int TableResolution = 512;
    private const double Beta = 8.6;
    private const double Rolloff = 0.95;
    private const int MaxPhases = 4096;

    private readonly int _inRate;
    private readonly int _outRate;
    private readonly double _cutoff;
    private readonly double _halfWidth;
    private readonly float[] _table;
    private readonly int _reach;
    private readonly float[]? _phases;
    private float[] _buffer = new float[4096];
    private int _count;
    private long _bufferStart;
    private long _inputTotal;
    private long _nextOutput;

    /// <summary>Creates a resampler.</summary>
    /// <param name="inputRate">Input samples per second (positive).</param>
    /// <param name="outputRate">Output samples per second (positive).</param>
    public StreamingResampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputRate, 1);
        var gcd = Gcd(inputRate, outputRate);
        _inRate = inputRate / gcd;
        _outRate = outputRate / gcd;
        _cutoff = 0.5 * Math.Min(1.0, (double)outputRate / inputRate) * Rolloff;
        _halfWidth = ZeroCrossings / (2.0 * _cutoff);
        _table = BuildTable(_cutoff, _halfWidth);
        _reach = (int)Math.Ceiling(_halfWidth);
        _phases = _outRate <= MaxPhases ? BuildPhases() : null;
    }

    /// <summary>Resamples a whole signal at once.</summary>
    /// <param name="samples">The input.</param>
    /// <param name="inputRate">Its rate.</param>
    /// <param name="outputRate">The wanted rate.</param>
    /// <returns><c>ceil(n * outputRate / inputRate)</c> samples (the input itself when the rates are equal).</returns>
    public static float[] Resample(float[] samples, int inputRate, int outputRate)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (inputRate == outputRate)
        {
            return samples;
        }

        var resampler = new StreamingResampler(inputRate, outputRate);
        var head = resampler.Process(samples);
        var tail = resampler.Flush();
        return [.. head, .. tail];
    }

    /// <summary>Adds input and returns the output samples that are now complete.</summary>
    /// <param name="input">The next input block.</param>
    /// <returns>Output samples (possibly none).</returns>
    public float[] Process(ReadOnlySpan<float> input)
    {
        Append(input);
        return Produce(final: false);
    }

    /// <summary>Returns the remaining output (the input is treated as followed by silence).</summary>
    /// <returns>The last output samples.</returns>
    public float[] Flush() => Produce(final: true);

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    private static float[] BuildTable(double cutoff, double halfWidth)
    {
        var size = (int)Math.Ceiling(halfWidth * TableResolution) + 2;
        var table = new float[size];
        var norm = BesselI0(Beta);
        for (var i = 0; i < size; i++)
        {
            var t = (double)i / TableResolution;
            var r = t / halfWidth;
            var window = r >= 1.0 ? 0.0 : BesselI0(Beta * Math.Sqrt(1.0 - (r * r))) / norm;
            var x = 2.0 * cutoff * t;
            var sinc = x == 0.0 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
            table[i] = (float)(2.0 * cutoff * sinc * window);
        }

        return table;
    }

    private static double BesselI0(double x)
    {
        double sum = 1.0, term = 1.0, half = x / 2.0;
        for (var k = 1; k < 50 && term > 1e-12 * sum; k++)
        {
            term *= half / k * (half / k);
            sum += term;
        }

        return sum;
    }

    private void Append(ReadOnlySpan<float> input)
    {
        if (_count + input.Length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _count + input.Length));
        }

        input.CopyTo(_buffer.AsSpan(_count));
        _count += input.Length;
        _inputTotal += input.Length;
    }

    private float[] Produce(bool final)
    {
        var output = new List<float>();
        var totalOut = final ? ((_inputTotal * _outRate) + _inRate - 1) / _inRate : long.MaxValue;
        while (_nextOutput < totalOut)
        {
            var whole = _nextOutput * _inRate / _outRate;
            var frac = (double)(_nextOutput * _inRate % _outRate) / _outRate;
            var last = whole + _reach;
            if (!final && last >= _inputTotal)
            {
                break;
            }

            output.Add(Evaluate(whole, frac));
            _nextOutput++;
        }

        Discard();
        return [.. output];
    }

    private float Evaluate(long whole, double frac)
    {
        var taps = (2 * _reach) + 1;
        var first = whole - _reach;
        var phase = (int)Math.Round(frac * _outRate);
        if (_phases is not null && first >= _bufferStart && first + taps <= _bufferStart + _count)
        {
            // Interior sample with a precomputed phase: one contiguous dot product.
            var weights = _phases.AsSpan(phase * taps, taps);
            var window = _buffer.AsSpan((int)(first - _bufferStart), taps);
            return Dot(window, weights);
        }

        var t = whole + frac;
        double acc = 0;
        for (var k = Math.Max(first, _bufferStart); k <= Math.Min(whole + _reach, _bufferStart + _count - 1); k++)
        {
            acc += _buffer[k - _bufferStart] * Kernel(Math.Abs(t - k));
        }

        return (float)acc;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = System.Numerics.Vector<float>.Zero;
        var width = System.Numerics.Vector<float>.Count;
        var i = 0;
        for (; i <= a.Length - width; i += width)
        {
            sum += new System.Numerics.Vector<float>(a[i..]) * new System.Numerics.Vector<float>(b[i..]);
        }

        var total = System.Numerics.Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }

    private float Kernel(double distance)
    {
        var d = distance * TableResolution;
        var i = (int)d;
        return i + 1 >= _table.Length ? 0f : (float)(_table[i] + ((_table[i + 1] - _table[i]) * (d - i)));
    }

    private float[] BuildPhases()
    {
        // Phase p is the fractional position p / outRate; tap j sits at offset j - reach from the integer position.
        var taps = (2 * _reach) + 1;
        var phases = new float[_outRate * taps];
        for (var p = 0; p < _outRate; p++)
        {
            var frac = (double)p / _outRate;
            for (var j = 0; j < taps; j++)
            {
                phases[(p * taps) + j] = Kernel(Math.Abs(frac - (j - _reach)));
            }
        }

        return phases;
    }

    private void Discard()
    {
        var keepFrom = (_nextOutput * _inRate / _outRate) - (long)Math.Ceiling(_halfWidth) - 1;
        var drop = (int)Math.Clamp(keepFrom - _bufferStart, 0, _count);
        if (drop > 0)
        {
            Array.Copy(_buffer, drop, _buffer, 0, _count - drop);
            _count -= drop;
            _bufferStart += drop;
        }
    }
}
