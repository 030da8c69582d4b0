namespace HfPipelines.Tasks;

/// <summary>Audio: a file path, encoded bytes (WAV, FLAC, MP3), or raw mono samples with their rate.</summary>
public sealed class AudioInput
{
    private AudioInput(string? path, ReadOnlyMemory<byte> bytes, float[]? samples, int sampleRate)
    {
        Path = path;
        Bytes = bytes;
        Samples = samples;
        SampleRate = sampleRate;
    }

    /// <summary>The file path, when the audio comes from a file.</summary>
    public string? Path { get; }

    /// <summary>The encoded bytes, when the audio comes from memory.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>Raw mono samples in [-1, 1], when given as samples.</summary>
    public float[]? Samples { get; }

    /// <summary>The sample rate of <see cref="Samples"/> in Hz (0 otherwise).</summary>
    public int SampleRate { get; }

    /// <summary>Audio read from a file.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The input.</returns>
    public static AudioInput FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new AudioInput(path, ReadOnlyMemory<byte>.Empty, null, 0);
    }

    /// <summary>Audio from encoded bytes.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The input.</returns>
    public static AudioInput FromBytes(ReadOnlyMemory<byte> bytes) => new(null, bytes, null, 0);

    /// <summary>Raw mono samples.</summary>
    /// <param name="samples">Samples in [-1, 1].</param>
    /// <param name="sampleRate">Samples per second (positive).</param>
    /// <returns>The input.</returns>
    public static AudioInput FromSamples(float[] samples, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (sampleRate <= 0)
        {
            throw new InvalidPipelineInputException($"Sample rate must be positive, got {sampleRate}. Pass the rate the samples were recorded at, e.g. 16000.");
        }

        return new AudioInput(null, ReadOnlyMemory<byte>.Empty, samples, sampleRate);
    }
}
