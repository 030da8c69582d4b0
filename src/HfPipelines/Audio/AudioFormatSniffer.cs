namespace HfPipelines.Audio;

/// <summary>Recognises the container from its first bytes and opens the matching decoder.</summary>
internal static class AudioFormatSniffer
{
    /// <summary>The formats read, as error messages name them.</summary>
    public const string Supported = "WAV (PCM 8/16/24/32-bit or float), FLAC and MP3";

    private const int HeaderLength = 36;
    private const int Id3HeaderLength = 10;

    /// <summary>
    /// Reads the first bytes and returns a stream that still yields them. An ID3v2 tag in front of a FLAC stream
    /// (as some taggers write) is skipped, so the header then starts with "fLaC".
    /// </summary>
    /// <param name="stream">The caller's stream (left open).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The stream positioned at the audio, its first bytes, and the file offset of those bytes.</returns>
    public static async Task<(Stream Stream, byte[] Header, long Offset)> PeekAsync(Stream stream, CancellationToken cancellationToken)
    {
        var start = stream.CanSeek ? stream.Position : -1;
        var header = await ReadHeaderAsync(stream, cancellationToken).ConfigureAwait(false);
        if (header.Length == 0)
        {
            throw new InvalidPipelineInputException($"The audio is empty (0 bytes). Pass {Supported} audio.");
        }

        if (Id3Length(header) is not { } tag)
        {
            return Rewound(stream, start, header, 0);
        }

        if (start >= 0)
        {
            stream.Position = start + tag;
            var afterTag = await ReadHeaderAsync(stream, cancellationToken).ConfigureAwait(false);
            // Seekable: rewind so NLayer reads MP3 from the first byte, as it expects.
            return afterTag.AsSpan().StartsWith("fLaC"u8) ? Rewound(stream, start + tag, afterTag, tag) : Rewound(stream, start, header, 0);
        }

        // Forward-only: the tag cannot be re-read, and neither decoder needs it.
        var leftover = tag < header.Length ? header[(int)tag..] : [];
        await SkipAsync(stream, tag - header.Length, cancellationToken).ConfigureAwait(false);
        byte[] next = [.. leftover, .. await ReadHeaderAsync(stream, cancellationToken).ConfigureAwait(false)];
        var body = new PrefixedStream(next, stream);
        return next.AsSpan().StartsWith("fLaC"u8) ? (body, next, tag) : (body, header, tag);
    }

    /// <summary>Opens the decoder for the container the header names.</summary>
    /// <param name="stream">The stream at the start of the audio (owned by the decoder afterwards).</param>
    /// <param name="header">Its first bytes.</param>
    /// <param name="offset">File offset of <paramref name="stream"/>'s first byte, for messages.</param>
    /// <returns>The decoder.</returns>
    /// <exception cref="InvalidPipelineInputException">Ogg, MP4 or an unknown container.</exception>
    public static IAudioSource Open(Stream stream, ReadOnlySpan<byte> header, long offset)
    {
        if (header.StartsWith("RIFF"u8))
        {
            return WavSource.Open(stream, ownsStream: true);
        }

        if (header.StartsWith("fLaC"u8))
        {
            return FlacSource.Open(stream, ownsStream: true, verifyMd5: true, streamOffset: offset);
        }

        if (header.StartsWith("ID3"u8) || (header.Length >= 2 && header[0] == 0xFF && (header[1] & 0xE0) == 0xE0))
        {
            return Mp3Source.Open(stream, ownsStream: true);
        }

        var name = header.StartsWith("OggS"u8) && (header.IndexOf("FLAC"u8) >= 0 || header.IndexOf("fLaC"u8) >= 0) ? "Ogg FLAC"
            : header.StartsWith("OggS"u8) ? "Ogg"
            : header.Length >= 8 && header[4..8].SequenceEqual("ftyp"u8) ? "MP4/M4A"
            : "an unknown container";
        throw new InvalidPipelineInputException(
            $"The audio is {name}, which is not supported. Supported: {Supported}; convert it first (e.g. ffmpeg -i in -ar 16000 -ac 1 out.wav, or flac -d / ffmpeg -i in.oga out.flac for Ogg FLAC) or pass AudioInput.FromSamples.");
    }

    private static (Stream Stream, byte[] Header, long Offset) Rewound(Stream stream, long position, byte[] header, long offset)
    {
        if (position < 0)
        {
            return (new PrefixedStream(header, stream), header, offset);
        }

        stream.Position = position;
        return (new NonClosingStream(stream), header, offset);
    }

    /// <summary>The length of the ID3v2 tag the header starts with (header, body and footer), or null.</summary>
    private static long? Id3Length(ReadOnlySpan<byte> header)
    {
        if (header.Length < Id3HeaderLength || !header.StartsWith("ID3"u8) || ((header[6] | header[7] | header[8] | header[9]) & 0x80) != 0)
        {
            return null;
        }

        var size = (header[6] << 21) | (header[7] << 14) | (header[8] << 7) | header[9];
        var footer = (header[5] & 0x10) != 0 ? Id3HeaderLength : 0;
        return Id3HeaderLength + size + footer;
    }

    private static async Task<byte[]> ReadHeaderAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderLength];
        var got = await stream.ReadAtLeastAsync(header, HeaderLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        Array.Resize(ref header, got);
        return header;
    }

    private static async Task SkipAsync(Stream stream, long count, CancellationToken cancellationToken)
    {
        var scratch = new byte[(int)Math.Clamp(count, 1, 81_920)];
        while (count > 0)
        {
            var read = await stream.ReadAsync(scratch.AsMemory(0, (int)Math.Min(count, scratch.Length)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            count -= read;
        }
    }
}
