namespace HfPipelines.Audio;

/// <summary>Reads the head of a native FLAC stream: the "fLaC" marker, STREAMINFO, and any other metadata blocks (skipped).</summary>
internal static class FlacMetadata
{
    /// <summary>Reads up to the first frame.</summary>
    /// <param name="stream">The stream, positioned at "fLaC".</param>
    /// <param name="streamOffset">File offset of "fLaC", for messages.</param>
    /// <returns>The stream info and the file offset of the first frame.</returns>
    /// <exception cref="InvalidPipelineInputException">Not FLAC, no STREAMINFO first, invalid values, or a truncated header.</exception>
    public static (FlacStreamInfo Info, long AudioOffset) Read(Stream stream, long streamOffset)
    {
        Span<byte> header = stackalloc byte[4];
        ReadExactly(stream, header, "marker");
        if (!header.SequenceEqual("fLaC"u8))
        {
            throw new InvalidPipelineInputException("The audio is not a native FLAC stream (no \"fLaC\" marker).");
        }

        var offset = streamOffset + 4;
        FlacStreamInfo? info = null;
        var last = false;
        while (!last)
        {
            ReadExactly(stream, header, "metadata block header");
            last = (header[0] & 0x80) != 0;
            var type = header[0] & 0x7F;
            var length = (header[1] << 16) | (header[2] << 8) | header[3];
            if (info is null && (type != 0 || length != FlacStreamInfo.Length))
            {
                throw new InvalidPipelineInputException(
                    $"The FLAC stream does not start with a STREAMINFO block (found block type {type}, {length} bytes, at byte {offset}). The file is damaged or not FLAC.");
            }

            if (type == 127)
            {
                throw new InvalidPipelineInputException($"The FLAC stream has an invalid metadata block (type 127) at byte {offset}. The file is damaged.");
            }

            if (info is null)
            {
                var body = new byte[FlacStreamInfo.Length];
                ReadExactly(stream, body, "STREAMINFO block");
                info = FlacStreamInfo.Parse(body);
            }
            else
            {
                Skip(stream, length);
            }

            offset += 4 + length;
        }

        return (info!, offset);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string what)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
        {
            throw new InvalidPipelineInputException($"The FLAC stream is truncated: it ends inside the {what}. Pass the complete file.");
        }
    }

    private static void Skip(Stream stream, long count)
    {
        if (stream.CanSeek)
        {
            if (stream.Position + count > stream.Length)
            {
                throw new InvalidPipelineInputException("The FLAC stream is truncated: it ends inside a metadata block. Pass the complete file.");
            }

            stream.Seek(count, SeekOrigin.Current);
            return;
        }

        Span<byte> scratch = stackalloc byte[4096];
        while (count > 0)
        {
            var n = stream.Read(scratch[..(int)Math.Min(count, scratch.Length)]);
            if (n == 0)
            {
                throw new InvalidPipelineInputException("The FLAC stream is truncated: it ends inside a metadata block. Pass the complete file.");
            }

            count -= n;
        }
    }
}
