using System.Text.Json;

namespace HfPipelines.Safetensors;

/// <summary>Checks the entries of a safetensors header against the format's rules.</summary>
internal static class SafetensorsHeader
{
    public static (Dictionary<string, SafetensorsTensor> Tensors, Dictionary<string, string> Metadata) Read(JsonElement root, string path, long dataLength)
    {
        var tensors = new Dictionary<string, SafetensorsTensor>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in root.EnumerateObject())
        {
            if (entry.Name == "__metadata__")
            {
                ReadMetadata(entry.Value, metadata, path);
                continue;
            }

            var tensor = Tensor(entry, path, dataLength);
            if (!tensors.TryAdd(entry.Name, tensor))
            {
                throw SafetensorsFile.Damaged(path, $"the tensor '{Echo(entry.Name)}' is named twice");
            }
        }

        CheckCoverage(tensors.Values, path, dataLength);
        return (tensors, metadata);
    }

    private static SafetensorsTensor Tensor(JsonProperty entry, string path, long dataLength)
    {
        var name = Echo(entry.Name);
        var value = entry.Value;
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String
            || !value.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array
            || !value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
        {
            throw SafetensorsFile.Damaged(path, $"the entry '{name}' needs dtype, shape and two data_offsets");
        }

        if (!Enum.TryParse<SafetensorsDType>(dtype.GetString(), ignoreCase: true, out var type) || int.TryParse(dtype.GetString(), out _))
        {
            throw SafetensorsFile.Damaged(path, $"the tensor '{name}' has the unknown dtype '{Echo(dtype.GetString() ?? string.Empty)}'");
        }

        var dims = new List<long>();
        var elements = 1L;
        foreach (var dim in shape.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt64(out var size) || size < 0 || (size > 0 && elements > long.MaxValue / size / 8))
            {
                throw SafetensorsFile.Damaged(path, $"the tensor '{name}' has a dimension that is not a non-negative whole number of sane size");
            }

            dims.Add(size);
            elements *= size;
        }

        if (!offsets[0].TryGetInt64(out var begin) || !offsets[1].TryGetInt64(out var end) || begin < 0 || end < begin || end > dataLength)
        {
            throw SafetensorsFile.Damaged(path, $"the tensor '{name}' has data_offsets outside the {dataLength} bytes of data");
        }

        var length = elements * SafetensorsTensor.ElementSize(type);
        if (end - begin != length)
        {
            throw SafetensorsFile.Damaged(path, $"the tensor '{name}' ({type}, shape [{string.Join(", ", dims)}]) needs {length} bytes but its offsets span {end - begin}");
        }

        return new SafetensorsTensor(entry.Name, type, dims, begin, length);
    }

    /// <summary>The tensors must cover the data section exactly: no gap, no overlap (as the format requires).</summary>
    private static void CheckCoverage(IEnumerable<SafetensorsTensor> tensors, string path, long dataLength)
    {
        var next = 0L;
        foreach (var tensor in tensors.OrderBy(t => t.Offset).ThenBy(t => t.Length))
        {
            if (tensor.Offset != next)
            {
                throw SafetensorsFile.Damaged(path, tensor.Offset < next
                    ? $"the tensor '{Echo(tensor.Name)}' overlaps the one before it"
                    : $"the data has a gap of {tensor.Offset - next} bytes before '{Echo(tensor.Name)}'");
            }

            next = tensor.Offset + tensor.Length;
        }

        if (next != dataLength)
        {
            throw SafetensorsFile.Damaged(path, $"the tensors cover {next} of the {dataLength} bytes of data");
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw SafetensorsFile.Damaged(path, "__metadata__ is not an object");
        }

        foreach (var item in value.EnumerateObject().Where(i => i.Value.ValueKind == JsonValueKind.String))
        {
            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static string Echo(string text)
    {
        var clean = new string([.. text.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
        return text.Length > 80 ? clean + "..." : clean;
    }
}
