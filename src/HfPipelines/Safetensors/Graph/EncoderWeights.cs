using System.Text.Json;

namespace HfPipelines.Safetensors.Graph;

/// <summary>
/// A checkpoint's tensors across its safetensors file or shards (<c>model.safetensors.index.json</c>), by Hugging Face
/// name. Names are resolved with and without the family's base prefix (<c>bert.</c>, <c>roberta.</c>, <c>distilbert.</c>),
/// and old <c>LayerNorm.gamma</c>/<c>beta</c> names stand for <c>weight</c>/<c>bias</c>. Every read checks the shape.
/// </summary>
internal sealed class EncoderWeights : IDisposable
{
    public const string SingleFile = "model.safetensors";
    public const string IndexFile = "model.safetensors.index.json";

    private readonly List<SafetensorsFile> _files = [];
    private readonly Dictionary<string, SafetensorsFile> _byName = new(StringComparer.Ordinal);

    private EncoderWeights(string basePrefix)
    {
        BasePrefix = basePrefix;
    }

    /// <summary>The prefix of the encoder's own tensors in this checkpoint (<c>bert.</c>, or empty for a bare base model).</summary>
    public string BasePrefix { get; private set; }

    /// <summary>The shard file names an index lists, or null when the folder has no index.</summary>
    public static IReadOnlyList<string>? ShardNames(string folder)
    {
        var index = Path.Combine(folder, IndexFile);
        if (!File.Exists(index))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(index));
            if (!document.RootElement.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
            {
                throw new ModelLoadException($"'{index}' has no weight_map object. Download the model again (hfp models pull).");
            }

            var names = new List<string>();
            foreach (var entry in map.EnumerateObject())
            {
                var file = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : throw new ModelLoadException($"'{index}': the shard of '{entry.Name}' is not a file name. Download the model again (hfp models pull).");
                if (file != Path.GetFileName(file) || file.Length == 0)
                {
                    throw new ModelLoadException($"'{index}': shard '{file}' is not a plain file name in the model folder. Download the model again (hfp models pull).");
                }

                if (!names.Contains(file))
                {
                    names.Add(file);
                }
            }

            return names;
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"'{index}' is not valid JSON ({ex.Message.Split('.')[0]}). Download the model again (hfp models pull).");
        }
    }

    /// <summary>Opens the checkpoint's weights (the single file, else the shards of the index).</summary>
    public static EncoderWeights Open(string folder, string basePrefix)
    {
        var weights = new EncoderWeights(basePrefix);
        try
        {
            var shards = File.Exists(Path.Combine(folder, SingleFile)) ? [SingleFile] : ShardNames(folder)
                ?? throw new ModelLoadException($"'{folder}' has neither {SingleFile} nor {IndexFile}. Download the model's weights (hfp models pull), or use a folder with an ONNX export.");
            foreach (var shard in shards)
            {
                var file = SafetensorsFile.Open(Path.Combine(folder, shard));
                weights._files.Add(file);
                foreach (var name in file.Tensors.Keys)
                {
                    weights._byName[name] = file;
                }
            }

            if (!weights.Has(basePrefix + "embeddings.word_embeddings.weight") && weights.Has("embeddings.word_embeddings.weight"))
            {
                weights.BasePrefix = string.Empty;
            }

            return weights;
        }
        catch
        {
            weights.Dispose();
            throw;
        }
    }

    /// <summary>True when the checkpoint has the tensor (exact name, or its gamma/beta alias).</summary>
    public bool Has(string name) => Resolve(name) is not null;

    /// <summary>True when the checkpoint has the encoder tensor (under the base prefix).</summary>
    public bool HasBase(string name) => Has(BasePrefix + name);

    /// <summary>Reads an encoder tensor (under the base prefix) as float32, checking its shape.</summary>
    public float[] ReadBase(string name, params long[] shape) => Read(BasePrefix + name, shape);

    /// <summary>Reads a tensor as float32, checking its shape; a dimension of -1 accepts any size.</summary>
    /// <exception cref="ModelLoadException">Missing, not floating point, or another shape.</exception>
    public float[] Read(string name, params long[] shape)
    {
        var (file, actual) = Resolve(name) ?? throw new ModelLoadException($"The checkpoint has no tensor '{name}' (looked in {string.Join(", ", _files.Select(f => Path.GetFileName(f.Path)))}). The weights file may be incomplete or from another architecture; download the model again (hfp models pull).");
        var tensor = file.Tensors[actual];
        if (tensor.Shape.Count != shape.Length || tensor.Shape.Where((d, i) => shape[i] >= 0 && d != shape[i]).Any())
        {
            throw new ModelLoadException($"'{Path.GetFileName(file.Path)}': tensor '{actual}' has shape [{string.Join(", ", tensor.Shape)}], expected [{string.Join(", ", shape.Select(d => d < 0 ? "*" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}] from config.json. The config and weights do not match; download the model again (hfp models pull).");
        }

        return file.ReadFloat32(actual);
    }

    /// <summary>The shape of a tensor, or null when absent.</summary>
    public IReadOnlyList<long>? ShapeOf(string name) => Resolve(name) is { } found ? found.File.Tensors[found.Name].Shape : null;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var file in _files)
        {
            file.Dispose();
        }
    }

    private (SafetensorsFile File, string Name)? Resolve(string name)
    {
        if (_byName.TryGetValue(name, out var file))
        {
            return (file, name);
        }

        var alias = name.EndsWith("LayerNorm.weight", StringComparison.Ordinal) ? name[..^"weight".Length] + "gamma"
            : name.EndsWith("LayerNorm.bias", StringComparison.Ordinal) ? name[..^"bias".Length] + "beta"
            : null;
        return alias is not null && _byName.TryGetValue(alias, out file) ? (file, alias) : null;
    }
}
