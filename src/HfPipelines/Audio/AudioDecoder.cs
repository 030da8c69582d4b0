using System.Runtime.CompilerServices;
using HfPipelines.Tasks;

namespace HfPipelines.Audio;

/// <summary>
/// Decodes WAV (PCM 8/16/24/32-bit, float), FLAC and MP3 from files, streams or bytes, mixes down to mono and
/// resamples (band-limited) to the model's rate, 16 kHz by default. <see cref="ReadChunksAsync(AudioInput, int, int, CancellationToken)"/>
/// decodes long files in bounded memory. Stateless and thread-safe.
/// </summary>
public static class AudioDecoder
{
    /// <summary>The rate speech models take: 16 kHz.</summary>
    public const int DefaultSampleRate = 16_000;

    private const string Supported = AudioFormatSniffer.Supported;
    private const int BlockFrames = 16_384;
    private const int MaxBlockFrames = 1 << 20;

    /// <summary>Decodes a whole input to mono at <paramref name="sampleRate"/>.</summary>
    /// <param name="input">A file, encoded bytes or raw samples.</param>
    /// <param name="sampleRate">The output rate (positive). Default 16 kHz.</param>
    /// <param name="cancellationToken">Cancels the decode.</param>
    /// <returns>The mono clip.</returns>
    /// <exception cref="InvalidPipelineInputException">Empty, truncated or unsupported audio.</exception>
    public static async Task<AudioClip> DecodeAsync(AudioInput input, int sampleRate = DefaultSampleRate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        if (input.Samples is { } raw)
        {
            return new AudioClip(StreamingResampler.Resample(raw, input.SampleRate, sampleRate), sampleRate);
        }

        var samples = new List<float>();
        await foreach (var chunk in ReadChunksAsync(input, sampleRate, BlockFrames, cancellationToken).ConfigureAwait(false))
        {
            samples.AddRange(chunk);
        }

        return new AudioClip([.. samples], sampleRate);
    }

    /// <summary>Decodes a whole stream (WAV, FLAC or MP3) to mono at <paramref name="sampleRate"/>. The stream stays open.</summary>
    /// <param name="stream">The encoded audio, positioned at its start.</param>
    /// <param name="sampleRate">The output rate (positive). Default 16 kHz.</param>
    /// <param name="cancellationToken">Cancels the decode.</param>
    /// <returns>The mono clip.</returns>
    /// <exception cref="InvalidPipelineInputException">Empty, truncated or unsupported audio.</exception>
    public static async Task<AudioClip> DecodeAsync(Stream stream, int sampleRate = DefaultSampleRate, CancellationToken cancellationToken = default)
    {
        var samples = new List<float>();
        await foreach (var chunk in ReadChunksAsync(stream, sampleRate, BlockFrames, cancellationToken).ConfigureAwait(false))
        {
            samples.AddRange(chunk);
        }

        return new AudioClip([.. samples], sampleRate);
    }

    /// <summary>Decodes an input block by block: mono chunks at <paramref name="sampleRate"/>, in bounded memory.</summary>
    /// <param name="input">A file, encoded bytes or raw samples.</param>
    /// <param name="sampleRate">The output rate (positive). Default 16 kHz.</param>
    /// <param name="chunkSamples">About how many output samples per chunk (positive; the last may be shorter).</param>
    /// <param name="cancellationToken">Cancels the decode.</param>
    /// <returns>The chunks, in order.</returns>
    public static async IAsyncEnumerable<float[]> ReadChunksAsync(
        AudioInput input, int sampleRate = DefaultSampleRate, int chunkSamples = BlockFrames, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Samples is { } raw)
        {
            var clip = StreamingResampler.Resample(raw, input.SampleRate, sampleRate);
            for (var i = 0; i < clip.Length; i += chunkSamples)
            {
                yield return clip.AsSpan(i, Math.Min(chunkSamples, clip.Length - i)).ToArray();
            }

            yield break;
        }

        Stream stream = input.Path is { } path ? OpenFile(path) : new MemoryStream(input.Bytes.ToArray(), writable: false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var chunk in ReadChunksAsync(stream, sampleRate, chunkSamples, cancellationToken).ConfigureAwait(false))
            {
                yield return chunk;
            }
        }
    }

    /// <summary>Decodes a stream block by block: mono chunks at <paramref name="sampleRate"/>. The stream stays open.</summary>
    /// <param name="stream">The encoded audio, positioned at its start.</param>
    /// <param name="sampleRate">The output rate (positive).</param>
    /// <param name="chunkSamples">About how many output samples per chunk (positive).</param>
    /// <param name="cancellationToken">Cancels the decode.</param>
    /// <returns>The chunks, in order.</returns>
    public static async IAsyncEnumerable<float[]> ReadChunksAsync(
        Stream stream, int sampleRate = DefaultSampleRate, int chunkSamples = BlockFrames, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSamples, 1);
        var buffered = await AudioFormatSniffer.PeekAsync(stream, cancellationToken).ConfigureAwait(false);
        using var source = AudioFormatSniffer.Open(buffered.Stream, buffered.Header, buffered.Offset);
        var resampler = source.SampleRate == sampleRate ? null : new StreamingResampler(source.SampleRate, sampleRate);
        var blockFrames = Math.Clamp((long)chunkSamples * source.SampleRate / sampleRate, 1, MaxBlockFrames); // long: 192 kHz * 16384 overflows int
        var block = new float[blockFrames * source.Channels];
        var mono = new float[block.Length / source.Channels];
        long produced = 0;
        int read;
        while ((read = source.Read(block)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var frames = MixDown(block.AsSpan(0, read), source.Channels, mono);
            var chunk = resampler is null ? mono.AsSpan(0, frames).ToArray() : resampler.Process(mono.AsSpan(0, frames));
            produced += chunk.Length;
            if (chunk.Length > 0)
            {
                yield return chunk;
            }
        }

        var tail = resampler?.Flush() ?? [];
        produced += tail.Length;
        if (produced == 0)
        {
            throw new InvalidPipelineInputException($"The audio holds no samples. Pass {Supported} audio with at least one sample.");
        }

        if (tail.Length > 0)
        {
            yield return tail;
        }
    }

    private static Stream OpenFile(string path) =>
        File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65_536, useAsync: false)
            : throw new InvalidPipelineInputException($"Audio file '{path}' does not exist.");

    private static int MixDown(ReadOnlySpan<float> interleaved, int channels, float[] mono)
    {
        var frames = interleaved.Length / channels;
        if (channels == 1)
        {
            interleaved.CopyTo(mono);
            return frames;
        }

        for (var f = 0; f < frames; f++)
        {
            var sum = 0f;
            for (var c = 0; c < channels; c++)
            {
                sum += interleaved[(f * channels) + c];
            }

            mono[f] = sum / channels;
        }

        return frames;
    }
}
