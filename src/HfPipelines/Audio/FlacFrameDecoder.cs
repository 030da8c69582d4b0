namespace HfPipelines.Audio;

/// <summary>
/// Decodes whole FLAC frames from buffered bytes into per-channel sample buffers that it owns and reuses
/// (no allocation per frame once the largest block has been seen). Not thread-safe.
/// </summary>
internal sealed class FlacFrameDecoder
{
    private const int LeftSide = 8;
    private const int SideRight = 9;
    private const int MidSide = 10;

    private readonly FlacStreamInfo _info;
    private readonly long[][] _channels;

    /// <summary>Creates a decoder for the stream <paramref name="info"/> describes.</summary>
    /// <param name="info">The stream's STREAMINFO.</param>
    public FlacFrameDecoder(FlacStreamInfo info)
    {
        _info = info;
        _channels = new long[info.Channels][];
        Array.Fill(_channels, []);
    }

    /// <summary>The header of the last decoded frame.</summary>
    public FlacFrameHeader Header { get; private set; }

    /// <summary>The samples of channel <paramref name="channel"/> in the last decoded frame.</summary>
    /// <param name="channel">The channel index.</param>
    /// <returns>The samples (<see cref="FlacFrameHeader.BlockSize"/> of them).</returns>
    public ReadOnlySpan<long> Channel(int channel) => _channels[channel].AsSpan(0, Header.BlockSize);

    /// <summary>Decodes the frame at the start of <paramref name="data"/>, which must start with a frame sync code.</summary>
    /// <param name="data">Buffered bytes from the frame's first byte on.</param>
    /// <param name="offset">The frame's byte offset in the file, for messages.</param>
    /// <returns>The frame's length in bytes, or 0 when <paramref name="data"/> ends inside the frame.</returns>
    /// <exception cref="InvalidPipelineInputException">A CRC mismatch or an invalid value in the frame.</exception>
    public int Decode(ReadOnlySpan<byte> data, long offset)
    {
        if (!FlacFrameHeader.TryParse(data, _info, offset, out var header))
        {
            return 0;
        }

        Header = header;
        EnsureCapacity(header.BlockSize);
        var reader = new FlacBitReader(data, header.Length);

        for (var c = 0; c < header.Channels; c++)
        {
            var side = (header.ChannelAssignment == LeftSide && c == 1) || (header.ChannelAssignment == SideRight && c == 0) || (header.ChannelAssignment == MidSide && c == 1);
            try
            {
                FlacSubframe.Decode(ref reader, _channels[c].AsSpan(0, header.BlockSize), header.BitsPerSample + (side ? 1 : 0), offset);
            }
            catch (InvalidPipelineInputException) when (reader.Overrun)
            {
                return 0; // the "invalid" value was read past the buffered bytes: wait for them
            }

            if (reader.Overrun)
            {
                return 0;
            }
        }

        reader.AlignToByte();
        var crc = reader.ReadBits(16);
        if (reader.Overrun)
        {
            return 0;
        }

        var length = (int)(reader.BitPosition / 8);
        if (FlacCrc.Crc16(data[..(length - 2)]) != crc)
        {
            throw FlacFrameHeader.Corrupt(offset, "fails its CRC-16 check");
        }

        Decorrelate(header);
        return length;
    }

    private void EnsureCapacity(int blockSize)
    {
        if (_channels[0].Length < blockSize)
        {
            // Sized when the first frame has passed its header CRC: STREAMINFO's largest block, or this one if larger.
            for (var c = 0; c < _channels.Length; c++)
            {
                _channels[c] = new long[Math.Max(blockSize, _info.MaxBlockSize)];
            }
        }
    }

    private void Decorrelate(FlacFrameHeader header)
    {
        if (header.ChannelAssignment < LeftSide)
        {
            return;
        }

        var a = _channels[0].AsSpan(0, header.BlockSize);
        var b = _channels[1].AsSpan(0, header.BlockSize);
        switch (header.ChannelAssignment)
        {
            case LeftSide:
                for (var i = 0; i < a.Length && i < b.Length; i++)
                {
                    b[i] = a[i] - b[i];
                }

                break;
            case SideRight:
                for (var i = 0; i < a.Length && i < b.Length; i++)
                {
                    a[i] += b[i];
                }

                break;
            default:
                for (var i = 0; i < a.Length && i < b.Length; i++)
                {
                    var mid = (a[i] << 1) | (b[i] & 1);
                    var side = b[i];
                    a[i] = (mid + side) >> 1;
                    b[i] = (mid - side) >> 1;
                }

                break;
        }
    }
}
