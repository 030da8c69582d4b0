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

    /// <summary>Reads and checks the header of a GGUF file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The header.</returns>
    /// <exception cref="ModelLoadException">The file is missing, not GGUF, of an unsupported version, or malformed.</exception>
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
            return ReadHeader(reader, stream.Length, path);
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

        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        for (ulong i = 0; i < entries; i++)
        {
            var key = ReadString(reader, length, path);
            var type = reader.ReadUInt32();
            if (type == 8)
            {
                strings[key] = ReadString(reader, length, path);
            }
            else
            {
                SkipValue(reader, type, length, path, depth: 0);
            }
        }

        return new GgufFileInfo(version, tensors, strings);
    }

    private static string ReadString(BinaryReader reader, long length, string path)
    {
        var size = reader.ReadUInt64();
        if (size > (ulong)(length - reader.BaseStream.Position))
        {
            throw new ModelLoadException($"'{path}' has a metadata string of {size} bytes, more than the rest of the file: the file is corrupt or truncated.");
        }

        return Encoding.UTF8.GetString(reader.ReadBytes((int)size));
    }

    private static void SkipValue(BinaryReader reader, uint type, long length, string path, int depth)
    {
        var size = ScalarSize(type);
        if (size > 0)
        {
            reader.BaseStream.Seek(size, SeekOrigin.Current);
            return;
        }

        if (type == 8)
        {
            var bytes = reader.ReadUInt64();
            CheckFits(bytes, 1, reader, length, path);
            reader.BaseStream.Seek((long)bytes, SeekOrigin.Current);
            return;
        }

        if (type != 9 || depth > 2)
        {
            throw new ModelLoadException($"'{path}' has a metadata value of unknown type {type}: the file is corrupt or from a newer GGUF version.");
        }

        var itemType = reader.ReadUInt32();
        var count = reader.ReadUInt64();
        var itemSize = ScalarSize(itemType);
        if (itemSize > 0)
        {
            CheckFits(count, (ulong)itemSize, reader, length, path);
            reader.BaseStream.Seek((long)count * itemSize, SeekOrigin.Current);
            return;
        }

        CheckFits(count, 8, reader, length, path);
        for (ulong i = 0; i < count; i++)
        {
            SkipValue(reader, itemType, length, path, depth + 1);
        }
    }

    private static void CheckFits(ulong count, ulong itemSize, BinaryReader reader, long length, string path)
    {
        var rest = (ulong)(length - reader.BaseStream.Position);
        if (count > rest / itemSize)
        {
            throw new ModelLoadException($"'{path}' has a metadata array of {count} items, more than the rest of the file holds: the file is corrupt or truncated.");
        }
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
