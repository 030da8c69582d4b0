using System.Buffers.Binary;

namespace HfPipelines.Audio;

/// <summary>The STREAMINFO metadata block of a FLAC stream: the format every frame must share.</summary>
/// <param name="MaxBlockSize">Largest block in samples per channel (0 when the encoder did not say).</param>
/// <param name="MaxFrameSize">Largest frame in bytes (0 when unknown).</param>
/// <param name="SampleRate">Samples per second per channel (positive).</param>
/// <param name="Channels">Channels, 1 to 8.</param>
/// <param name="BitsPerSample">Bits per sample, 4 to 32.</param>
/// <param name="TotalSamples">Samples per channel in the stream (0 when unknown).</param>
/// <param name="Md5">MD5 of the decoded samples (all zero when not computed).</param>
internal sealed record FlacStreamInfo(int MaxBlockSize, int MaxFrameSize, int SampleRate, int Channels, int BitsPerSample, long TotalSamples, byte[] Md5)
{
    /// <summary>Length of the block's body in bytes.</summary>
    public const int Length = 34;

    /// <summary>Reads the 34-byte body of a STREAMINFO block.</summary>
    /// <param name="body">The block body.</param>
    /// <returns>The stream info.</returns>
    /// <exception cref="InvalidPipelineInputException">A sample rate of 0 or fewer than 4 bits per sample.</exception>
    public static FlacStreamInfo Parse(ReadOnlySpan<byte> body)
    {
        var maxBlock = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
        var maxFrame = (body[7] << 16) | (body[8] << 8) | body[9];
        var packed = BinaryPrimitives.ReadUInt64BigEndian(body[10..]);
        var rate = (int)(packed >> 44);
        var channels = (int)((packed >> 41) & 7) + 1;
        var bits = (int)((packed >> 36) & 31) + 1;
        var total = (long)(packed & 0xF_FFFF_FFFF);
        if (rate == 0)
        {
            throw new InvalidPipelineInputException(
                "The FLAC stream declares a sample rate of 0 Hz in its STREAMINFO block, so it cannot be played. The file is damaged or not a FLAC audio stream; re-encode it (e.g. flac -f in.wav).");
        }

        if (bits < 4)
        {
            throw new InvalidPipelineInputException($"The FLAC stream declares {bits} bits per sample; FLAC allows 4 to 32. The file is damaged.");
        }

        return new FlacStreamInfo(maxBlock, maxFrame, rate, channels, bits, total, body[18..34].ToArray());
    }
}
