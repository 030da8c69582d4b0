using System.Text;

namespace HfPipelines.LlamaCpp;

/// <summary>
/// Reads and checks a GGUF header (magic, version, counts, metadata) in managed code, so that a bad file
/// fails with a clear <see cref="ModelLoadException"/> before llama.cpp reads it. Thread-safe.
/// </summary>
public static class GgufHeaderReader
{
    private const uint Magic = 0x46554747; // "GGUF" little-endian
    private const ulong MaxTensors = 1UL << 20;
    private const ulong MaxMetadataEntries = 1UL << 16;
    private const uint MaxDimensions = 4; // GGML_MAX_DIMS

    /// <summary>Numeric arrays up to this length keep their items in <see cref="GgufFileInfo.Numbers"/> (per-layer values).</summary>
    public const ulong MaxKeptArrayItems = 4096;

    /// <summary>Reads and checks the header of a GGUF file, with the hyper-parameters llama.cpp would abort the process on
    /// (<see cref="GgufHyperParameters"/>).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The header.</returns>
    /// <exception cref="ModelLoadException">The file is missing, not GGUF, of an unsupported version, malformed, or holds impossible hyper-parameters.</exception>
    public static GgufFileInfo Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"GGUF file '{path}' does not exist. Pass the path of a .gguf model file.");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            var info = ReadHeader(reader, stream.Length, path);
            GgufHyperParameters.Check(info, path);
            return info;
        }
        catch (EndOfStreamException ex)
        {
            throw new ModelLoadException($"GGUF file '{path}' ends inside its header: it is truncated. Download it again.", ex);
        }
    }

    private static GgufFileInfo ReadHeader(BinaryReader reader, long length, string path)
    {
        if (length < 24 || reader.ReadUInt32() != Magic)
        {
            throw new ModelLoadException($"'{path}' is not a GGUF file (no \"GGUF\" magic at its start). Pass a llama.cpp .gguf model.");
        }

        var version = reader.ReadUInt32();
        if (version is 1)
        {
            throw new ModelLoadException($"'{path}' is a GGUF version 1 file, which llama.cpp no longer reads. Convert it again with a current llama.cpp (convert_hf_to_gguf.py) or download a GGUF v3 build of the model.");
        }

        if (version is not (2 or 3))
        {
            throw new ModelLoadException($"'{path}' is GGUF version {version}; only versions 2 and 3 are supported.");
        }

        var tensors = reader.ReadUInt64();
        var entries = reader.ReadUInt64();
        if (tensors > MaxTensors || entries > MaxMetadataEntries)
        {
            throw new ModelLoadException($"'{path}' claims {tensors} tensors and {entries} metadata entries, which is not plausible: the file is corrupt.");
        }

        var metadata = new Metadata();
        for (ulong i = 0; i < entries; i++)
        {
            ReadEntry(reader, length, path, metadata);
        }

        var shapes = new Dictionary<string, ulong[]>(StringComparer.Ordinal);
        for (ulong i = 0; i < tensors; i++)
        {
            var (name, shape) = ReadTensorInfo(reader, length, path);
            shapes[name] = shape;
        }

        return new GgufFileInfo(version, tensors, metadata.Strings) { Numbers = metadata.Numbers, ArrayLengths = metadata.ArrayLengths, TensorShapes = shapes };
    }

    private static void ReadEntry(BinaryReader reader, long length, string path, Metadata metadata)
    {
        var key = ReadString(reader, length, path);
        var type = reader.ReadUInt32();
        if (type == 8)
        {
            metadata.Strings[key] = ReadString(reader, length, path);
        }
        else if (ScalarSize(type) > 0)
        {
            metadata.Numbers[key] = [ReadNumber(reader, type)];
        }
        else if (type == 9)
        {
            ReadArray(reader, key, length, path, metadata);
        }
        else
        {
            throw UnknownType(path, type);
        }
    }

    private static void ReadArray(BinaryReader reader, string key, long length, string path, Metadata metadata)
    {
        var itemType = reader.ReadUInt32();
        var count = reader.ReadUInt64();
        metadata.ArrayLengths[key] = count;
        var itemSize = ScalarSize(itemType);
        if (itemSize > 0 && count <= MaxKeptArrayItems)
        {
            CheckFits(count, (ulong)itemSize, reader, length, path);
            var items = new double[count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = ReadNumber(reader, itemType);
            }

            metadata.Numbers[key] = items;
            return;
        }

        SkipArrayItems(reader, itemType, count, length, path, depth: 1);
    }

    private static (string Name, ulong[] Shape) ReadTensorInfo(BinaryReader reader, long length, string path)
    {
        var name = ReadString(reader, length, path);
        var dimensions = reader.ReadUInt32();
        if (dimensions is 0 or > MaxDimensions)
        {
            throw new ModelLoadException($"'{path}': tensor '{Printable(name)}' has {dimensions} dimensions; GGUF tensors have 1 to {MaxDimensions}. The file is corrupt.");
        }

        var shape = new ulong[dimensions];
        var elements = 1UL;
        for (var i = 0; i < shape.Length; i++)
        {
            shape[i] = reader.ReadUInt64();
            if (shape[i] == 0 || shape[i] > long.MaxValue / elements)
            {
                throw new ModelLoadException($"'{path}': tensor '{Printable(name)}' has the shape [{string.Join(", ", shape[..(i + 1)])}], which is empty or too large to exist. The file is corrupt.");
            }

            elements *= shape[i];
        }

        reader.BaseStream.Seek(4 + 8, SeekOrigin.Current); // type and data offset: llama.cpp checks them
        return (name, shape);
    }

    /// <summary>A name read from the file as it can be shown in a one-line message: control characters replaced, at most 80 characters.</summary>
    internal static string Printable(string text)
    {
        var cut = text.Length > 80 ? text[..80] + "..." : text;
        return string.Create(cut.Length, cut, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }

    private static double ReadNumber(BinaryReader reader, uint type) => type switch
    {
        0 => reader.ReadByte(),
        1 => reader.ReadSByte(),
        2 => reader.ReadUInt16(),
        3 => reader.ReadInt16(),
        4 => reader.ReadUInt32(),
        5 => reader.ReadInt32(),
        6 => reader.ReadSingle(),
        7 => reader.ReadByte(),
        10 => reader.ReadUInt64(),
        11 => reader.ReadInt64(),
        _ => reader.ReadDouble(),
    };

    private static string ReadString(BinaryReader reader, long length, string path)
    {
        var size = reader.ReadUInt64();
        if (size > (ulong)(length - reader.BaseStream.Position))
        {
            throw new ModelLoadException($"'{path}' has a metadata string of {size} bytes, more than the rest of the file: the file is corrupt or truncated.");
        }

        return Encoding.UTF8.GetString(reader.ReadBytes((int)size));
    }

    private static void SkipArrayItems(BinaryReader reader, uint itemType, ulong count, long length, string path, int depth)
    {
        var itemSize = ScalarSize(itemType);
        if (itemSize > 0)
        {
            CheckFits(count, (ulong)itemSize, reader, length, path);
            reader.BaseStream.Seek((long)count * itemSize, SeekOrigin.Current);
            return;
        }

        if (itemType is not (8 or 9) || depth > 2)
        {
            throw UnknownType(path, itemType);
        }

        CheckFits(count, 8, reader, length, path);
        for (ulong i = 0; i < count; i++)
        {
            if (itemType == 8)
            {
                var bytes = reader.ReadUInt64();
                CheckFits(bytes, 1, reader, length, path);
                reader.BaseStream.Seek((long)bytes, SeekOrigin.Current);
            }
            else
            {
                var innerType = reader.ReadUInt32();
                SkipArrayItems(reader, innerType, reader.ReadUInt64(), length, path, depth + 1);
            }
        }
    }

    private static ModelLoadException UnknownType(string path, uint type) =>
        new($"'{path}' has a metadata value of unknown type {type}: the file is corrupt or from a newer GGUF version.");

    private static void CheckFits(ulong count, ulong itemSize, BinaryReader reader, long length, string path)
    {
        var rest = (ulong)(length - reader.BaseStream.Position);
        if (count > rest / itemSize)
        {
            throw new ModelLoadException($"'{path}' has a metadata array of {count} items, more than the rest of the file holds: the file is corrupt or truncated.");
        }
    }

    private sealed class Metadata
    {
        public Dictionary<string, string> Strings { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, double[]> Numbers { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ulong> ArrayLengths { get; } = new(StringComparer.Ordinal);
    }

    private static int ScalarSize(uint type) => type switch
    {
        0 or 1 or 7 => 1,
        2 or 3 => 2,
        4 or 5 or 6 => 4,
        10 or 11 or 12 => 8,
        _ => 0,
    };
}
