using System.Numerics;

namespace HfPipelines.Audio;

/// <summary>
/// Whisper's log-mel spectrogram, as transformers' <c>WhisperFeatureExtractor</c> computes it: pad or cut
/// to <c>chunk_length</c> seconds, periodic Hann window, reflect-padded centred STFT (n_fft 400, hop 160),
/// power spectrum, Slaney mel filters, <c>log10(max(1e-10, mel))</c>, clamp to max - 8, then (x + 4) / 4.
/// Immutable; thread-safe.
/// </summary>
public sealed class WhisperFeatureExtractor
{
    private const double MelFloor = 1e-10;

    private readonly MixedRadixFft _fft;
    private readonly double[] _window;
    private readonly double[,] _filters;
    private readonly (int First, int Last)[] _filterRanges;
    private readonly object _spareGate = new();
    private (float[] Padded, double[] Power)? _spare;

    /// <summary>Creates the extractor.</summary>
    /// <param name="options">The settings, or null for whisper-tiny's (80 mels, 16 kHz, 30 s).</param>
    public WhisperFeatureExtractor(WhisperFeatureExtractorOptions? options = null)
    {
        Options = options ?? new WhisperFeatureExtractorOptions();
        Options.Validate();
        _fft = new MixedRadixFft(Options.NFft);
        _window = new double[Options.NFft];
        for (var i = 0; i < _window.Length; i++)
        {
            _window[i] = 0.5 - (0.5 * Math.Cos(2.0 * Math.PI * i / Options.NFft));
        }

        _filters = MelFilterBank.Slaney((Options.NFft / 2) + 1, Options.FeatureSize, 0.0, 8000.0, Options.SamplingRate);
        _filterRanges = FilterRanges(_filters);
    }

    /// <summary>The settings.</summary>
    public WhisperFeatureExtractorOptions Options { get; }

    /// <summary>Samples in one window: <c>chunk_length * sampling_rate</c> (480,000).</summary>
    public int WindowSamples => Options.ChunkLength * Options.SamplingRate;

    /// <summary>Frames in one window: <c>WindowSamples / hop_length</c> (3,000).</summary>
    public int FrameCount => WindowSamples / Options.HopLength;

    /// <summary>Computes the features of the first window of <paramref name="samples"/> (zero-padded when shorter).</summary>
    /// <param name="samples">Mono samples at <see cref="WhisperFeatureExtractorOptions.SamplingRate"/>.</param>
    /// <returns>[FeatureSize, FrameCount] row-major, as <c>input_features[0]</c>.</returns>
    public float[] Extract(ReadOnlySpan<float> samples)
    {
        // The padded window (1.9 MB) and the power spectrum (4.8 MB) are reused: a long transcription computes them
        // once per 30 s window, and fresh large-object arrays each time raised the resident set by hundreds of MB. One
        // spare pair is kept per extractor; concurrent windows allocate their own and drop them (a shared pool kept one
        // pair per concurrent caller, 270 MB after 32 callers).
        var bins = (Options.NFft / 2) + 1;
        var frames = FrameCount;
        var paddedLength = WindowSamples + (2 * (Options.NFft / 2));
        var (padded, power) = TakeBuffers(paddedLength, frames * bins);
        try
        {
            Pad(samples, padded.AsSpan(0, paddedLength));
            Parallel.For(0, frames, () => (new Complex[Options.NFft], new Complex[Options.NFft]), (t, _, buffers) =>
            {
                var (input, output) = buffers;
                var offset = t * Options.HopLength;

                // A frame of zeros (the padding after a short clip, or digital silence) has a power spectrum of exact
                // zeros: skip its FFT. jfk.wav fills 37% of its window.
                if (!padded.AsSpan(offset, Options.NFft).ContainsAnyExcept(0f))
                {
                    power.AsSpan(t * bins, bins).Clear();
                    return buffers;
                }

                for (var j = 0; j < Options.NFft; j++)
                {
                    input[j] = new Complex(padded[offset + j] * _window[j], 0);
                }

                _fft.Transform(input, output);
                for (var f = 0; f < bins; f++)
                {
                    var c = output[f];
                    power[(t * bins) + f] = (c.Real * c.Real) + (c.Imaginary * c.Imaginary);
                }

                return buffers;
            }, _ => { });
            return LogMel(power, frames, bins);
        }
        finally
        {
            lock (_spareGate)
            {
                _spare ??= (padded, power);
            }
        }
    }

    private (float[] Padded, double[] Power) TakeBuffers(int paddedLength, int powerLength)
    {
        lock (_spareGate)
        {
            if (_spare is { } spare)
            {
                _spare = null;
                return spare;
            }
        }

        return (GC.AllocateUninitializedArray<float>(paddedLength), GC.AllocateUninitializedArray<double>(powerLength));
    }

    private void Pad(ReadOnlySpan<float> samples, Span<float> padded)
    {
        // Pad or cut to one window, then reflect-pad n_fft / 2 on both sides (STFT center=True).
        var length = WindowSamples;
        var half = Options.NFft / 2;
        padded.Clear();
        var count = Math.Min(samples.Length, length);
        for (var i = 0; i < count; i++)
        {
            padded[half + i] = samples[i];
        }

        for (var i = 1; i <= half; i++)
        {
            padded[half - i] = padded[half + i];
            padded[half + length - 1 + i] = padded[half + length - 1 - i];
        }
    }

    private float[] LogMel(double[] power, int frames, int bins)
    {
        var mels = Options.FeatureSize;
        var features = new float[mels * frames];
        var max = double.NegativeInfinity;
        for (var m = 0; m < mels; m++)
        {
            var (first, last) = _filterRanges[m];
            for (var t = 0; t < frames; t++)
            {
                var sum = 0.0;
                for (var f = first; f <= last; f++)
                {
                    sum += _filters[m, f] * power[(t * bins) + f];
                }

                var log = Math.Log10(Math.Max(MelFloor, sum));
                features[(m * frames) + t] = (float)log;
                max = Math.Max(max, log);
            }
        }

        var floor = (float)(max - 8.0);
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = (Math.Max(features[i], floor) + 4f) / 4f;
        }

        return features;
    }

    private static (int First, int Last)[] FilterRanges(double[,] filters)
    {
        var ranges = new (int, int)[filters.GetLength(0)];
        for (var m = 0; m < ranges.Length; m++)
        {
            int first = -1, last = -2;
            for (var f = 0; f < filters.GetLength(1); f++)
            {
                if (filters[m, f] != 0.0)
                {
                    first = first < 0 ? f : first;
                    last = f;
                }
            }

            ranges[m] = (Math.Max(first, 0), last);
        }

        return ranges;
    }
}
