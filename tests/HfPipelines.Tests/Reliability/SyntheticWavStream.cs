using System.Buffers.Binary;

namespace HfPipelines.Tests.Reliability;

/// <summary>
/// A 16 kHz mono 16-bit PCM WAV made on the fly while it is read (header, then samples), so hours of audio need no
/// memory: window <c>k</c> of <see cref="WindowSeconds"/> seconds is white noise when <see cref="IsSound"/> says so,
/// silence otherwise. Forward-only, not seekable.
/// </summary>
internal sealed class SyntheticWavStream(long samples, Func<long, bool> isSound) : Stream
{
    public const int Rate = 16_000;
    public const int WindowSeconds = 30;
    private const int HeaderBytes = 44;
    private readonly byte[] _header = Header(samples);
    private long _position;
    private uint _noise = 2463534242;

    /// <summary>Whether the window at this index holds noise (sound) rather than silence.</summary>
    public Func<long, bool> IsSound { get; } = isSound;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => HeaderBytes + (samples * 2);

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length && _position < Length)
        {
            if (_position < HeaderBytes)
            {
                var n = (int)Math.Min(HeaderBytes - _position, buffer.Length - written);
                _header.AsSpan((int)_position, n).CopyTo(buffer[written..]);
                written += n;
                _position += n;
                continue;
            }

            if (((_position - HeaderBytes) & 1) != 0 || buffer.Length - written < 2)
            {
                break; // whole samples only
            }

            var sample = (_position - HeaderBytes) / 2;
            short value = 0;
            if (IsSound(sample / (WindowSeconds * Rate)))
            {
                _noise ^= _noise << 13;
                _noise ^= _noise >> 17;
                _noise ^= _noise << 5;
                value = (short)((int)(_noise % 20_001) - 10_000);
            }

            BinaryPrimitives.WriteInt16LittleEndian(buffer[written..], value);
            written += 2;
            _position += 2;
        }

        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static byte[] Header(long samples)
    {
        var data = checked((uint)(samples * 2));
        var header = new byte[HeaderBytes];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), 36 + data);
        "WAVEfmt "u8.CopyTo(header.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(20), 1); // PCM
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(22), 1); // mono
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(24), Rate);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(28), Rate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(32), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(34), 16);
        "data"u8.CopyTo(header.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), data);
        return header;
    }
}
