namespace HfPipelines.Audio;

/// <summary>A FLAC frame header: block size, sample rate, channel assignment and sample size of one frame.</summary>
/// <param name="BlockSize">Samples per channel in the frame.</param>
/// <param name="SampleRate">Samples per second.</param>
/// <param name="ChannelAssignment">0-7: that many channels minus one, coded independently; 8 left/side; 9 side/right; 10 mid/side.</param>
/// <param name="BitsPerSample">Bits per decoded sample.</param>
/// <param name="Length">Header bytes, CRC-8 included.</param>
internal readonly record struct FlacFrameHeader(int BlockSize, int SampleRate, int ChannelAssignment, int BitsPerSample, int Length)
{
    private static readonly int[] Rates = [0, 88_200, 176_400, 192_000, 8_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000, 96_000];
    private static readonly int[] SampleSizes = [0, 8, 12, -1, 16, 20, 24, 32];

    /// <summary>Channels in the frame.</summary>
    public int Channels => ChannelAssignment < 8 ? ChannelAssignment + 1 : 2;

    /// <summary>Parses the header at the start of <paramref name="data"/>, which starts with a frame sync code.</summary>
    /// <param name="data">Buffered bytes from the frame's first byte.</param>
    /// <param name="info">The stream's STREAMINFO (rate and sample size when the header defers to it; what the frame must match).</param>
    /// <param name="offset">The frame's byte offset in the file, for messages.</param>
    /// <param name="header">The header.</param>
    /// <returns>False when <paramref name="data"/> ends inside the header.</returns>
    /// <exception cref="InvalidPipelineInputException">A CRC-8 mismatch, a reserved value, or a frame that disagrees with STREAMINFO.</exception>
    public static bool TryParse(ReadOnlySpan<byte> data, FlacStreamInfo info, long offset, out FlacFrameHeader header)
    {
        header = default;
        if (data.Length < 6)
        {
            return false;
        }

        var blockCode = data[2] >> 4;
        var rateCode = data[2] & 15;
        var assignment = data[3] >> 4;
        var sizeCode = (data[3] >> 1) & 7;
        var p = 5 + CodedNumberExtraBytes(data[4], offset);
        var blockAt = p;
        p += blockCode switch { 6 => 1, 7 => 2, _ => 0 };
        var rateAt = p;
        p += rateCode switch { 12 => 1, 13 or 14 => 2, _ => 0 };
        if (data.Length < p + 1)
        {
            return false;
        }

        for (var i = 5; i < blockAt; i++)
        {
            if ((data[i] & 0xC0) != 0x80)
            {
                throw Corrupt(offset, "has a malformed frame number");
            }
        }

        if (FlacCrc.Crc8(data[..p]) != data[p])
        {
            throw Corrupt(offset, "fails its header CRC-8 check");
        }

        var blockSize = blockCode switch
        {
            0 => throw Corrupt(offset, "uses the reserved block size code 0"),
            1 => 192,
            <= 5 => 576 << (blockCode - 2),
            6 => data[blockAt] + 1,
            7 => ((data[blockAt] << 8) | data[blockAt + 1]) + 1,
            _ => 256 << (blockCode - 8),
        };
        var rate = rateCode switch
        {
            0 => info.SampleRate,
            <= 11 => Rates[rateCode],
            12 => data[rateAt] * 1000,
            13 => (data[rateAt] << 8) | data[rateAt + 1],
            14 => ((data[rateAt] << 8) | data[rateAt + 1]) * 10,
            _ => throw Corrupt(offset, "uses the invalid sample rate code 15"),
        };
        var bits = sizeCode == 0 ? info.BitsPerSample : SampleSizes[sizeCode];
        if (bits < 0 || assignment > 10 || (data[3] & 1) != 0)
        {
            throw Corrupt(offset, $"uses a reserved value (sample size code {sizeCode}, channel assignment {assignment})");
        }

        header = new FlacFrameHeader(blockSize, rate, assignment, bits, p + 1);
        if (header.Channels != info.Channels || rate != info.SampleRate || bits != info.BitsPerSample)
        {
            throw Corrupt(
                offset,
                $"has {header.Channels} channels, {rate} Hz and {bits}-bit samples where STREAMINFO declares {info.Channels}, {info.SampleRate} Hz and {info.BitsPerSample}-bit");
        }

        return true;
    }

    /// <summary>The error for a corrupt frame: names the byte offset and how to check the file.</summary>
    /// <param name="offset">The frame's byte offset in the file.</param>
    /// <param name="problem">What is wrong, as a verb phrase ("fails its CRC-16 check").</param>
    /// <returns>The exception to throw.</returns>
    public static InvalidPipelineInputException Corrupt(long offset, string problem) =>
        new($"The FLAC audio is corrupt: the frame at byte {offset} {problem}. Re-encode or re-download the file (`flac -t FILE` checks one).");

    private static int CodedNumberExtraBytes(byte first, long offset) => first switch
    {
        < 0x80 => 0,
        < 0xC0 => throw Corrupt(offset, "has a malformed frame number"),
        < 0xE0 => 1,
        < 0xF0 => 2,
        < 0xF8 => 3,
        < 0xFC => 4,
        < 0xFE => 5,
        0xFE => 6,
        _ => throw Corrupt(offset, "has a malformed frame number"),
    };
}
