namespace HfPipelines.Audio;

/// <summary>Recognises the container from its first bytes and opens the matching decoder.</summary>
internal static class AudioFormatSniffer
{
    private const int HeaderLength = 12;

    /// <summary>Reads the first bytes and returns a stream that still yields them.</summary>
    /// <param name="stream">The caller's stream (left open).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The header and a stream positioned at the start of the audio.</returns>
    public static async Task<(Stream Stream, byte[] Header)> PeekAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderLength];
        var start = stream.CanSeek ? stream.Position : -1;
        var got = await stream.ReadAtLeastAsync(header, HeaderLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            throw new InvalidPipelineInputException("The audio is empty (0 bytes). Pass WAV or MP3 audio.");
        }

        Array.Resize(ref header, got);
        if (start >= 0)
        {
            // Seekable (files, memory): rewind so decoders that seek (NLayer) get the real stream.
            stream.Position = start;
            return (new NonClosingStream(stream), header);
        }

        return (new PrefixedStream(header, stream), header);
    }

    /// <summary>Opens the decoder for the container the header names.</summary>
    /// <param name="stream">The stream at the start of the audio (owned by the decoder afterwards).</param>
    /// <param name="header">Its first bytes.</param>
    /// <returns>The decoder.</returns>
    /// <exception cref="InvalidPipelineInputException">FLAC, OGG or an unknown container.</exception>
    public static IAudioSource Open(Stream stream, ReadOnlySpan<byte> header)
    {
        if (header.StartsWith("RIFF"u8))
        {
            return WavSource.Open(stream, ownsStream: true);
        }

        if (header.StartsWith("ID3"u8) || (header.Length >= 2 && header[0] == 0xFF && (header[1] & 0xE0) == 0xE0))
        {
            return Mp3Source.Open(stream, ownsStream: true);
        }

        var name = header.StartsWith("fLaC"u8) ? "FLAC"
            : header.StartsWith("OggS"u8) ? "Ogg"
            : header.Length >= 8 && header[4..8].SequenceEqual("ftyp"u8) ? "MP4/M4A"
            : "an unknown container";
        throw new InvalidPipelineInputException(
            $"The audio is {name}, which is not supported. Supported: WAV (PCM 8/16/24/32-bit or float) and MP3; convert it first (e.g. ffmpeg -i in -ar 16000 -ac 1 out.wav) or pass AudioInput.FromSamples.");
    }
}
