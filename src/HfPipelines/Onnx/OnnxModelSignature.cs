using System.Text;

namespace HfPipelines.Onnx;

/// <summary>
/// The input and output names of an ONNX model's main graph, read from the file's protobuf without loading the
/// model: weights and nodes are skipped, so a multi-gigabyte decoder is read in milliseconds. It also rejects a
/// file that is not an ONNX model (truncated, HTML error page, wrong file) before a native runtime sees it.
/// </summary>
/// <param name="Inputs">The graph inputs, in order (initializers listed as inputs by old exporters included).</param>
/// <param name="Outputs">The graph outputs, in order.</param>
public sealed record OnnxModelSignature(IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs)
{
    private const int ModelGraph = 7;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;

    /// <summary>Reads a model file's signature.</summary>
    /// <param name="path">The .onnx file.</param>
    /// <returns>Its graph's input and output names.</returns>
    /// <exception cref="ModelLoadException">The file is missing, truncated, or not an ONNX model; the message names the file and the fix.</exception>
    public static OnnxModelSignature Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"'{path}' does not exist. Copy the complete model folder, or download it again (hfp models pull).");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
        try
        {
            var reader = new Reader(stream);
            while (stream.Position < stream.Length)
            {
                var (field, wire) = reader.Tag();
                if (field == ModelGraph && wire == 2)
                {
                    var length = reader.Length();
                    return ReadGraph(reader, stream, stream.Position + length, path);
                }

                reader.Skip(wire);
            }

            throw Bad(path, "it has no graph");
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or IOException)
        {
            throw Bad(path, ex.Message);
        }
    }

    private static OnnxModelSignature ReadGraph(Reader reader, Stream stream, long end, string path)
    {
        if (end > stream.Length)
        {
            throw Bad(path, $"its graph runs to byte {end} of a {stream.Length}-byte file (truncated)");
        }

        var inputs = new List<string>();
        var outputs = new List<string>();
        while (stream.Position < end)
        {
            var (field, wire) = reader.Tag();
            if ((field == GraphInput || field == GraphOutput) && wire == 2)
            {
                var name = ValueInfoName(reader.Bytes(reader.Length()));
                (field == GraphInput ? inputs : outputs).Add(name);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        if (stream.Position != end || outputs.Count == 0)
        {
            throw Bad(path, outputs.Count == 0 ? "its graph has no outputs" : "its graph's fields overrun the graph");
        }

        return new OnnxModelSignature(inputs, outputs);
    }

    private static string ValueInfoName(byte[] message)
    {
        using var stream = new MemoryStream(message, writable: false);
        var reader = new Reader(stream);
        while (stream.Position < stream.Length)
        {
            var (field, wire) = reader.Tag();
            if (field == 1 && wire == 2)
            {
                return Encoding.UTF8.GetString(reader.Bytes(reader.Length()));
            }

            reader.Skip(wire);
        }

        return string.Empty;
    }

    private static ModelLoadException Bad(string path, string why) =>
        new($"'{path}' is not a readable ONNX model ({why}). The file may be truncated or not a model at all; download it again (hfp models pull) or re-export it.");

    private sealed class Reader(Stream stream)
    {
        public (int Field, int Wire) Tag()
        {
            var tag = Varint();
            var field = (int)(tag >> 3);
            var wire = (int)(tag & 7);
            if (field == 0 || wire is 3 or 4 or 6 or 7)
            {
                throw new InvalidDataException($"bad protobuf tag {tag} at byte {stream.Position}");
            }

            return (field, wire);
        }

        public long Length()
        {
            var length = (long)Varint();
            if (length < 0 || stream.Position + length > stream.Length)
            {
                throw new InvalidDataException($"a field of {length} bytes at byte {stream.Position} runs past the end of the file (truncated)");
            }

            return length;
        }

        public byte[] Bytes(long length)
        {
            if (length > 1 << 20)
            {
                throw new InvalidDataException($"a {length}-byte name field at byte {stream.Position}");
            }

            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            return bytes;
        }

        public void Skip(int wire)
        {
            switch (wire)
            {
                case 0:
                    Varint();
                    break;
                case 1:
                    Seek(8);
                    break;
                case 2:
                    Seek(Length());
                    break;
                default:
                    Seek(4);
                    break;
            }
        }

        private void Seek(long count)
        {
            if (stream.Position + count > stream.Length)
            {
                throw new EndOfStreamException($"a field at byte {stream.Position} runs past the end of the file (truncated)");
            }

            stream.Seek(count, SeekOrigin.Current);
        }

        private ulong Varint()
        {
            ulong result = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = stream.ReadByte();
                if (b < 0)
                {
                    throw new EndOfStreamException("the file ends inside a field (truncated)");
                }

                result |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return result;
                }
            }

            throw new InvalidDataException($"a varint longer than 10 bytes at byte {stream.Position}");
        }
    }
}
