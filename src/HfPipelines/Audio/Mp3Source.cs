using NLayer;

namespace HfPipelines.Audio;

/// <summary>An MP3 decoder (NLayer, managed) reading the stream frame by frame; not thread-safe.</summary>
internal sealed class Mp3Source : IAudioSource
{
    private readonly MpegFile _file;

    private Mp3Source(MpegFile file)
    {
        _file = file;
    }

    /// <inheritdoc />
    public int SampleRate => _file.SampleRate;

    /// <inheritdoc />
    public int Channels => _file.Channels;

    /// <summary>Opens an MP3 stream.</summary>
    /// <param name="stream">The stream (NLayer disposes it with the source when <paramref name="ownsStream"/>).</param>
    /// <param name="ownsStream">Whether disposing the source disposes the stream.</param>
    /// <returns>The source.</returns>
    /// <exception cref="InvalidPipelineInputException">No MPEG audio frame was found.</exception>
    public static Mp3Source Open(Stream stream, bool ownsStream)
    {
        MpegFile file;
        try
        {
            file = new MpegFile(ownsStream ? stream : new NonClosingStream(stream));
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or EndOfStreamException or ArgumentException or IndexOutOfRangeException)
        {
            throw new InvalidPipelineInputException($"The MP3 audio could not be read: {ex.Message}", ex);
        }

        if (file.SampleRate <= 0 || file.Channels <= 0)
        {
            file.Dispose();
            throw new InvalidPipelineInputException("The MP3 audio has no valid MPEG frame (sample rate or channel count is 0).");
        }

        return new Mp3Source(file);
    }

    /// <inheritdoc />
    public int Read(float[] buffer)
    {
        try
        {
            return _file.ReadSamples(buffer, 0, buffer.Length / Channels * Channels);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or IndexOutOfRangeException or ArgumentException or InvalidOperationException)
        {
            // NLayer reports a corrupt frame however its parser trips (e.g. ArgumentOutOfRangeException from its bit
            // reservoir, found by the decoder fuzz test).
            throw new InvalidPipelineInputException($"The MP3 audio is corrupt: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
