using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HfPipelines.Testing.Safetensors;

/// <summary>Writes safetensors files for tests: float32 state dicts, optionally stored as F16 or BF16.</summary>
internal static class SafetensorsWriter
{
    /// <summary>Writes <paramref name="tensors"/> (name to shape and float32 values) as <paramref name="dtype"/> (F32, F16 or BF16).</summary>
    public static void Write(string path, IReadOnlyDictionary<string, (long[] Shape, float[] Values)> tensors, string dtype = "F32")
    {
        var header = new Dictionary<string, object>();
        using var data = new MemoryStream();
        foreach (var (name, (shape, values)) in tensors.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var start = data.Length;
            foreach (var value in values)
            {
                data.Write(dtype switch
                {
                    "F16" => BitConverter.GetBytes((Half)value),
                    "BF16" => BitConverter.GetBytes((ushort)(BitConverter.SingleToInt32Bits(value) >> 16)),
                    _ => BitConverter.GetBytes(value),
                });
            }

            header[name] = new { dtype, shape, data_offsets = new[] { start, data.Length } };
        }

        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        using var file = File.Create(path);
        file.Write(BitConverter.GetBytes((ulong)json.Length));
        file.Write(json);
        data.Position = 0;
        data.CopyTo(file);
    }

    /// <summary>Reads every tensor of a safetensors file as float32.</summary>
    public static Dictionary<string, (long[] Shape, float[] Values)> ReadAll(string path)
    {
        using var file = HfPipelines.Safetensors.SafetensorsFile.Open(path);
        return file.Tensors.ToDictionary(t => t.Key, t => (t.Value.Shape.ToArray(), file.ReadFloat32(t.Key)));
    }

    /// <summary>Edits a model folder's config.json in place.</summary>
    public static void EditConfig(string folder, Action<JsonObject> edit)
    {
        var path = Path.Combine(folder, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(config);
        File.WriteAllText(path, config.ToJsonString());
    }
}
