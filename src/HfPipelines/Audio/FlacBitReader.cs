using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace HfPipelines.Audio;

/// <summary>
/// Reads big-endian bit fields from a span, 64 bits cached. Reading past the end yields zero bits and sets
/// <see cref="Overrun"/>: a caller decoding from a partly buffered stream checks it to tell "need more bytes"
/// from corrupt data, and every loop stays bounded on zeros.
/// </summary>
internal ref struct FlacBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _next;      // index of the next byte to load into the cache
    private ulong _cache;   // unread bits, left-aligned; bits below _count are the stream's next bits or zero
    private int _count;     // valid bits in _cache

    /// <summary>Creates a reader at the first bit of byte <paramref name="start"/> of <paramref name="data"/>.</summary>
    /// <param name="data">The bytes; <see cref="BitPosition"/> counts from their start.</param>
    /// <param name="start">The first byte to read.</param>
    public FlacBitReader(ReadOnlySpan<byte> data, int start)
    {
        _data = data;
        _next = start;
    }

    /// <summary>Bits read so far.</summary>
    public readonly long BitPosition => ((long)_next * 8) - _count;

    /// <summary>True when more bits were read than the span holds.</summary>
    public readonly bool Overrun => BitPosition > (long)_data.Length * 8;

    /// <summary>Reads an unsigned field of 0 to 32 bits.</summary>
    /// <param name="bits">The width.</param>
    /// <returns>The value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadBits(int bits)
    {
        if (_count < bits)
        {
            Refill();
        }

        var value = (uint)((_cache >> 1) >> (63 - bits));
        _cache <<= bits;
        _count -= bits;
        return value;
    }

    /// <summary>Reads a two's complement field of 0 to 33 bits.</summary>
    /// <param name="bits">The width.</param>
    /// <returns>The value, sign-extended.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadSigned(int bits)
    {
        if (bits == 0)
        {
            return 0;
        }

        if (_count < bits)
        {
            Refill();
        }

        var value = (long)_cache >> (64 - bits);
        _cache <<= bits;
        _count -= bits;
        return value;
    }

    /// <summary>Reads a unary count: zero bits up to and including a one bit. Stops early on overrun.</summary>
    /// <returns>The number of zero bits.</returns>
    public int ReadUnary()
    {
        var zeros = 0;
        while (true)
        {
            if (_count == 0)
            {
                Refill();
                if (_next > _data.Length + 8)
                {
                    return zeros; // past the end: Overrun is set; zeros forever would never end
                }
            }

            var lz = BitOperations.LeadingZeroCount(_cache);
            if (lz < _count)
            {
                _cache = (_cache << lz) << 1;
                _count -= lz + 1;
                return zeros + lz;
            }

            zeros += _count;
            _cache = 0;
            _count = 0;
        }
    }

    /// <summary>
    /// Reads <paramref name="destination"/>.Length Rice-coded residuals with parameter <paramref name="k"/> (0 to 30),
    /// zigzag-decoded (0, -1, 1, -2, ...).
    /// </summary>
    /// <param name="destination">Where the residuals go.</param>
    /// <param name="k">The Rice parameter.</param>
    public void ReadRice(Span<long> destination, int k)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            if (_count < 48)
            {
                Refill();
            }

            var lz = BitOperations.LeadingZeroCount(_cache);
            ulong folded;
            if (lz + 1 + k <= _count)
            {
                // Fast path: the quotient's terminating one bit and the k low bits are all cached.
                var rest = (_cache << lz) << 1;
                folded = ((ulong)lz << k) | ((rest >> 1) >> (63 - k));
                _cache = rest << k;
                _count -= lz + 1 + k;
            }
            else
            {
                folded = ((ulong)(uint)ReadUnary() << k) | ReadBits(k);
            }

            destination[i] = (long)(folded >> 1) ^ -(long)(folded & 1);
        }
    }

    /// <summary>Skips to the next byte boundary.</summary>
    public void AlignToByte()
    {
        var drop = _count & 7;
        _cache <<= drop;
        _count -= drop;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Refill()
    {
        ulong word;
        if (_next + 8 <= _data.Length)
        {
            word = BinaryPrimitives.ReadUInt64BigEndian(_data[_next..]);
        }
        else
        {
            word = 0;
            for (var i = 0; i < 8 && _next + i < _data.Length; i++)
            {
                word |= (ulong)_data[_next + i] << (56 - (8 * i));
            }
        }

        // Giesen's "variant 4": OR in the next 8 bytes below the valid bits, then count only the whole bytes that fit.
        _cache |= word >> _count;
        _next += (63 - _count) >> 3;
        _count |= 56;
    }
}
