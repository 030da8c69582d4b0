using System.Security.Cryptography;
using HfPipelines.Audio;

namespace HfPipelines.Tests.Audio;

/// <summary>
/// A small FLAC writer for tests: CONSTANT, VERBATIM or FIXED order-2 subframes with partitioned Rice, Rice2 or
/// escaped residuals, any channel assignment, wasted bits, fixed or variable block sizes, and every header code for
/// block size and sample rate. Its output is checked by the reference decoder (`flac -t`) where that is installed.
/// </summary>
internal static class TestFlac
{
    /// <summary>How the writer codes the frames.</summary>
    internal sealed record Options
    {
        public int Bits { get; init; } = 16;

        public int SampleRate { get; init; } = 16_000;

        /// <summary>Block sizes, used in turn (the last frame takes what is left).</summary>
        public int[] BlockSizes { get; init; } = [4096];

        /// <summary>Variable-blocksize frames (numbered by sample, not by frame).</summary>
        public bool Variable { get; init; }

        /// <summary>0 (independent), 8 (left/side), 9 (side/right) or 10 (mid/side); stereo only for 8-10.</summary>
        public int Assignment { get; init; }

        /// <summary>FIXED order-2 subframes (else VERBATIM); constant blocks are always CONSTANT.</summary>
        public bool Predict { get; init; } = true;

        /// <summary>Rice2 (5-bit parameters) instead of Rice.</summary>
        public bool Rice2 { get; init; }

        /// <summary>Escaped (raw binary) partitions instead of Rice-coded ones.</summary>
        public bool Escape { get; init; }

        /// <summary>Write wasted bits when every sample of a subframe ends in zero bits.</summary>
        public bool WastedBits { get; init; } = true;

        /// <summary>Write a PADDING and an APPLICATION block after STREAMINFO.</summary>
        public bool ExtraMetadata { get; init; } = true;

        /// <summary>Write the real sample count and MD5 in STREAMINFO (else zeros: unknown).</summary>
        public bool Totals { get; init; } = true;
    }

    /// <summary>Encodes <paramref name="channels"/> (one array per channel, equal lengths).</summary>
    /// <returns>The file and the byte offset of every frame.</returns>
    public static (byte[] Bytes, List<long> FrameOffsets) Write(int[][] channels, Options options)
    {
        var output = new List<byte>();
        output.AddRange("fLaC"u8.ToArray());
        var length = channels[0].Length;
        output.AddRange(StreamInfo(channels, options, length));
        if (options.ExtraMetadata)
        {
            output.AddRange([1, 0, 0, 5, 0, 0, 0, 0, 0]);                 // PADDING, 5 bytes
            output.AddRange([0x82, 0, 0, 6, .. "test"u8, 0xAB, 0xCD]); // APPLICATION "test", last
        }

        var offsets = new List<long>();
        var start = 0;
        for (var frame = 0; start < length; frame++)
        {
            var size = Math.Min(options.BlockSizes[frame % options.BlockSizes.Length], length - start);
            offsets.Add(output.Count);
            output.AddRange(Frame(channels, start, size, options.Variable ? start : frame, options));
            start += size;
        }

        return ([.. output], offsets);
    }

    /// <summary>Every sample <paramref name="decoder"/> gives, interleaved, as integers.</summary>
    public static int[] ReadAll(FlacSource decoder)
    {
        var all = new List<int>();
        var buffer = new int[decoder.Channels * 1000];
        int read;
        while ((read = decoder.ReadPcm(buffer)) > 0)
        {
            all.AddRange(buffer.AsSpan(0, read));
        }

        return [.. all];
    }

    /// <summary>The MD5 FLAC stores: interleaved little-endian samples of (bits + 7) / 8 bytes.</summary>
    public static byte[] Md5(int[][] channels, int bits)
    {
        var width = (bits + 7) / 8;
        var bytes = new byte[channels[0].Length * channels.Length * width];
        var at = 0;
        for (var i = 0; i < channels[0].Length; i++)
        {
            foreach (var channel in channels)
            {
                for (var b = 0; b < width; b++)
                {
                    bytes[at++] = (byte)(channel[i] >> (8 * b));
                }
            }
        }

#pragma warning disable CA5351 // FLAC's checksum, not security
        return MD5.HashData(bytes);
#pragma warning restore CA5351
    }

    private static byte[] StreamInfo(int[][] channels, Options options, int length)
    {
        var w = new BitWriter();
        w.Write(0, 1);
        w.Write(0, 7);
        w.Write(34, 24);
        w.Write((ulong)options.BlockSizes.Min(), 16);
        w.Write((ulong)options.BlockSizes.Max(), 16);
        w.Write(0, 24);
        w.Write(0, 24);
        w.Write((ulong)options.SampleRate, 20);
        w.Write((ulong)channels.Length - 1, 3);
        w.Write((ulong)options.Bits - 1, 5);
        w.Write(options.Totals ? (ulong)length : 0, 36);
        var bytes = w.ToArray();
        bytes[0] = options.ExtraMetadata ? (byte)0 : (byte)0x80;
        return [.. bytes, .. options.Totals ? Md5(channels, options.Bits) : new byte[16]];
    }

    private static byte[] Frame(int[][] channels, int start, int size, long number, Options options)
    {
        var w = new BitWriter();
        var (blockCode, blockExtra, blockBits) = BlockCode(size);
        var (rateCode, rateExtra, rateBits) = RateCode(options.SampleRate);
        w.Write(0xFFF8 | (options.Variable ? 1UL : 0), 16);
        w.Write((ulong)blockCode, 4);
        w.Write((ulong)rateCode, 4);
        w.Write((ulong)(options.Assignment == 0 ? channels.Length - 1 : options.Assignment), 4);
        w.Write(options.Bits switch { 8 => 1UL, 12 => 2, 16 => 4, 20 => 5, 24 => 6, 32 => 7, _ => 0 }, 3);
        w.Write(0, 1);
        foreach (var b in CodedNumber(number))
        {
            w.Write(b, 8);
        }

        w.Write((ulong)blockExtra, blockBits);
        w.Write((ulong)rateExtra, rateBits);
        w.Write(FlacCrc.Crc8(w.ToArray()), 8);
        for (var c = 0; c < channels.Length; c++)
        {
            var (samples, bits) = Decorrelated(channels, c, start, size, options);
            Subframe(w, samples, bits, options);
        }

        w.AlignToByte();
        w.Write(FlacCrc.Crc16(w.ToArray()), 16);
        return w.ToArray();
    }

    private static (long[] Samples, int Bits) Decorrelated(int[][] channels, int c, int start, int size, Options options)
    {
        long L(int i) => channels[0][start + i];
        long R(int i) => channels[1][start + i];
        var samples = new long[size];
        var side = false;
        for (var i = 0; i < size; i++)
        {
            (samples[i], side) = (options.Assignment, c) switch
            {
                (8, 1) or (9, 0) or (10, 1) => (L(i) - R(i), true),
                (10, 0) => ((L(i) + R(i)) >> 1, false),
                _ => (channels[c][start + i], false),
            };
        }

        return (samples, options.Bits + (side ? 1 : 0));
    }

    private static void Subframe(BitWriter w, long[] samples, int bits, Options options)
    {
        var wasted = 0;
        if (options.WastedBits && samples.Any(s => s != 0))
        {
            while (samples.All(s => ((s >> wasted) & 1) == 0))
            {
                wasted++;
            }
        }

        var shifted = samples.Select(s => s >> wasted).ToArray();
        bits -= wasted;
        var type = shifted.All(s => s == shifted[0]) ? 0 : options.Predict && shifted.Length > 2 ? 8 + 2 : 1;
        w.Write(0, 1);
        w.Write((ulong)type, 6);
        w.Write(wasted > 0 ? 1UL : 0, 1);
        if (wasted > 0)
        {
            w.Write(0, wasted - 1);
            w.Write(1, 1);
        }

        switch (type)
        {
            case 0:
                w.Write((ulong)shifted[0], bits);
                break;
            case 1:
                foreach (var s in shifted)
                {
                    w.Write((ulong)s, bits);
                }

                break;
            default:
                w.Write((ulong)shifted[0], bits);
                w.Write((ulong)shifted[1], bits);
                var residual = new long[shifted.Length];
                for (var i = 2; i < shifted.Length; i++)
                {
                    residual[i] = shifted[i] - ((2 * shifted[i - 1]) - shifted[i - 2]);
                }

                Residual(w, residual, order: 2, options);
                break;
        }
    }

    private static void Residual(BitWriter w, long[] residual, int order, Options options)
    {
        var partitionOrder = 0;
        while (partitionOrder < 4 && residual.Length % (2 << partitionOrder) == 0 && (residual.Length >> (partitionOrder + 1)) > order)
        {
            partitionOrder++;
        }

        var parameterBits = options.Rice2 ? 5 : 4;
        w.Write(options.Rice2 ? 1UL : 0, 2);
        w.Write((ulong)partitionOrder, 4);
        var size = residual.Length >> partitionOrder;
        for (var p = 0; p < 1 << partitionOrder; p++)
        {
            var part = residual.AsSpan((p * size) + (p == 0 ? order : 0), p == 0 ? size - order : size);
            var folded = part.ToArray().Select(r => (ulong)((r << 1) ^ (r >> 63))).ToArray();
            var k = 0;
            var mean = folded.Length == 0 ? 0 : folded.Sum(f => (double)f) / folded.Length;
            while (k < (1 << parameterBits) - 2 && (1UL << (k + 1)) <= mean)
            {
                k++;
            }

            if (options.Escape)
            {
                var width = 1 + (int)part.ToArray().Select(r => (long)Math.Ceiling(Math.Log2(Math.Abs(r) + 1))).DefaultIfEmpty(0).Max();
                w.Write((1UL << parameterBits) - 1, parameterBits);
                w.Write((ulong)width, 5);
                foreach (var r in part)
                {
                    w.Write((ulong)r, width);
                }

                continue;
            }

            w.Write((ulong)k, parameterBits);
            foreach (var f in folded)
            {
                for (var q = f >> k; q > 0; q--)
                {
                    w.Write(0, 1);
                }

                w.Write(1, 1);
                w.Write(f, k);
            }
        }
    }

    private static (int Code, int Extra, int Bits) BlockCode(int size) => size switch
    {
        192 => (1, 0, 0),
        576 or 1152 or 2304 or 4608 => (2 + (int)Math.Log2(size / 576), 0, 0),
        256 or 512 or 1024 or 2048 or 4096 or 8192 or 16384 or 32768 => (8 + (int)Math.Log2(size / 256), 0, 0),
        <= 256 => (6, size - 1, 8),
        _ => (7, size - 1, 16),
    };

    private static (int Code, int Extra, int Bits) RateCode(int rate) => rate switch
    {
        88_200 => (1, 0, 0),
        176_400 => (2, 0, 0),
        192_000 => (3, 0, 0),
        8_000 => (4, 0, 0),
        16_000 => (5, 0, 0),
        22_050 => (6, 0, 0),
        24_000 => (7, 0, 0),
        32_000 => (8, 0, 0),
        44_100 => (9, 0, 0),
        48_000 => (10, 0, 0),
        96_000 => (11, 0, 0),
        _ when rate % 1000 == 0 && rate <= 255_000 => (12, rate / 1000, 8),
        _ when rate <= 65_535 => (13, rate, 16),
        _ when rate % 10 == 0 && rate <= 655_350 => (14, rate / 10, 16),
        _ => (0, 0, 0),
    };

    private static byte[] CodedNumber(long value)
    {
        if (value < 0x80)
        {
            return [(byte)value];
        }

        var extra = 1;
        while (value >= 1L << (6 - extra + (6 * extra)) && extra < 6)
        {
            extra++;
        }

        var bytes = new byte[extra + 1];
        for (var i = extra; i > 0; i--)
        {
            bytes[i] = (byte)(0x80 | (value & 0x3F));
            value >>= 6;
        }

        bytes[0] = (byte)((0xFF00 >> (extra + 1)) | (int)value);
        return bytes;
    }

    /// <summary>Writes bit fields MSB first.</summary>
    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _current;
        private int _used;

        public void Write(ulong value, int bits)
        {
            for (var i = bits - 1; i >= 0; i--)
            {
                _current = (_current << 1) | (int)((value >> i) & 1);
                if (++_used == 8)
                {
                    _bytes.Add((byte)_current);
                    (_current, _used) = (0, 0);
                }
            }
        }

        public void AlignToByte()
        {
            while (_used != 0)
            {
                Write(0, 1);
            }
        }

        public byte[] ToArray() => [.. _bytes];
    }
}
