using System.Buffers.Binary;
using System.Text;

namespace HfPipelines.Cli.Tests;

/// <summary>
/// Every numeric value of a GGUF header (scalar metadata, small numeric arrays' first item, tensor dimension counts and
/// dimensions) set in turn to edge values: 0, 1, -1 (all bits set), the type's largest signed value, 100,000 and, for
/// floats, NaN, infinity, -1 and 1e30. The file's layout is kept (same sizes), so each case differs from the original
/// in one value only.
/// </summary>
internal static class GgufValueMutations
{
    private static readonly ulong[] Integers = [0, 1, ulong.MaxValue, long.MaxValue, 100_000];
    private static readonly double[] Floats = [0, -1, double.NaN, double.PositiveInfinity, 1e30];

    /// <summary>The cases: a label naming the value and its new content, and the mutated file.</summary>
    public static IEnumerable<(string Label, byte[] Bytes)> Of(byte[] original)
    {
        foreach (var (label, offset, type) in Values(original))
        {
            if (type is 6 or 12)
            {
                foreach (var value in Floats)
                {
                    var bytes = (byte[])original.Clone();
                    if (type == 6)
                    {
                        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(offset), (float)value);
                    }
                    else
                    {
                        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(offset), value);
                    }

                    yield return ($"{label} = {value}", bytes);
                }

                continue;
            }

            var size = Size(type);
            foreach (var value in Integers)
            {
                var bytes = (byte[])original.Clone();
                var mask = size == 8 ? ulong.MaxValue : (1UL << (size * 8)) - 1;
                var raw = value == long.MaxValue ? mask >> 1 : value & mask;
                for (var i = 0; i < size; i++)
                {
                    bytes[offset + i] = (byte)(raw >> (8 * i));
                }

                yield return ($"{label} = 0x{raw:x}", bytes);
            }
        }
    }

    /// <summary>Where each numeric value is: (label, byte offset, GGUF type).</summary>
    private static List<(string Label, int Offset, uint Type)> Values(byte[] file)
    {
        var values = new List<(string, int, uint)>();
        var tensors = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(8));
        var entries = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(16));
        var at = 24;
        for (ulong i = 0; i < entries; i++)
        {
            var key = String(file, ref at);
            var type = U32(file, ref at);
            if (type == 9)
            {
                var itemType = U32(file, ref at);
                var count = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(at));
                at += 8;
                if (Size(itemType) > 0 && count > 0)
                {
                    values.Add(($"{key}[0]", at, itemType));
                }

                for (ulong j = 0; j < count; j++)
                {
                    Skip(file, ref at, itemType);
                }
            }
            else
            {
                if (Size(type) > 0)
                {
                    values.Add((key, at, type));
                }

                Skip(file, ref at, type);
            }
        }

        for (ulong i = 0; i < tensors; i++)
        {
            var name = String(file, ref at);
            var dimensions = U32(file, ref at);
            var interesting = i < 3 || name.StartsWith("blk.4.attn_k", StringComparison.Ordinal);
            if (interesting)
            {
                values.Add(($"tensor {name} dimension count", at - 4, 4));
            }

            for (var d = 0; d < dimensions; d++)
            {
                if (interesting)
                {
                    values.Add(($"tensor {name} dimension {d}", at, 10));
                }

                at += 8;
            }

            at += 12;
        }

        return values;
    }

    private static void Skip(byte[] file, ref int at, uint type)
    {
        if (type == 8)
        {
            _ = String(file, ref at);
            return;
        }

        at += Size(type);
    }

    private static string String(byte[] file, ref int at)
    {
        var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(at));
        var text = Encoding.UTF8.GetString(file, at + 8, length);
        at += 8 + length;
        return text;
    }

    private static uint U32(byte[] file, ref int at)
    {
        var value = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at));
        at += 4;
        return value;
    }

    private static int Size(uint type) => type switch
    {
        0 or 1 or 7 => 1,
        2 or 3 => 2,
        4 or 5 or 6 => 4,
        10 or 11 or 12 => 8,
        _ => 0,
    };
}
