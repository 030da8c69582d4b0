using System.Globalization;
using System.Text.Json;
using HfPipelines.Tasks;

namespace HfPipelines.Onnx;

/// <summary>
/// What an encoder task reads from a Hugging Face model folder: <c>config.json</c> (labels, problem type,
/// position limit) and the sentence-transformers files (<c>modules.json</c>, <c>1_Pooling/config.json</c>,
/// <c>2_Normalize</c>). Immutable.
/// </summary>
internal sealed class EncoderModelConfig
{
    public IReadOnlyDictionary<int, string>? Id2Label { get; init; }

    public IReadOnlyDictionary<string, int>? Label2Id { get; init; }

    public string? ProblemType { get; init; }

    public int? MaxPositionEmbeddings { get; init; }

    public int? PadTokenId { get; init; }

    public string? ModelType { get; init; }

    /// <summary>True when the folder is a sentence-transformers model (<c>modules.json</c> present).</summary>
    public bool IsSentenceTransformer { get; init; }

    /// <summary>The pooling the sentence-transformers config asks for (mean when it says nothing).</summary>
    public PoolingMode Pooling { get; init; } = PoolingMode.Mean;

    /// <summary><c>max_seq_length</c> of sentence_bert_config.json (sentence-transformers truncates there).</summary>
    public int? SentenceMaxLength { get; init; }

    /// <summary>True when the sentence-transformers config has a Normalize module.</summary>
    public bool Normalize { get; init; }

    public static EncoderModelConfig Load(string folder)
    {
        var path = Path.Combine(folder, "config.json");
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"Model folder '{folder}' has no config.json. Give a Hugging Face model folder (config.json, tokenizer.json, onnx/model.onnx), e.g. one exported with `optimum-cli export onnx`.");
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return FromJson(doc.RootElement, folder);
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"'{path}' is not valid JSON: {ex.Message}", ex);
        }
    }

    public static EncoderModelConfig FromJson(JsonElement root, string? folder = null)
    {
        var modules = folder is null ? null : Path.Combine(folder, "modules.json");
        var isSentenceTransformer = modules is not null && File.Exists(modules);
        return new EncoderModelConfig
        {
            Id2Label = ReadId2Label(root),
            Label2Id = ReadLabel2Id(root),
            ProblemType = ReadString(root, "problem_type"),
            MaxPositionEmbeddings = ReadInt(root, "max_position_embeddings") ?? ReadInt(root, "n_positions"),
            PadTokenId = ReadInt(root, "pad_token_id"),
            ModelType = ReadString(root, "model_type"),
            IsSentenceTransformer = isSentenceTransformer,
            Pooling = folder is null ? PoolingMode.Mean : ReadPooling(folder),
            Normalize = folder is not null && HasNormalize(folder, modules!),
            SentenceMaxLength = folder is null ? null : ReadSentenceMaxLength(folder),
        };
    }

    /// <summary>The label of a class index: id2label, or <c>LABEL_i</c> when the config has none (as Python).</summary>
    public string LabelOf(int index) =>
        Id2Label is { Count: > 0 } map ? (map.TryGetValue(index, out var label) ? label : $"LABEL_{index}") : $"LABEL_{index}";

    private static Dictionary<int, string>? ReadId2Label(JsonElement root)
    {
        if (!root.TryGetProperty("id2label", out var map) || map.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return map.EnumerateObject().ToDictionary(p => int.Parse(p.Name, CultureInfo.InvariantCulture), p => p.Value.GetString() ?? p.Name);
    }

    private static Dictionary<string, int>? ReadLabel2Id(JsonElement root)
    {
        if (!root.TryGetProperty("label2id", out var map) || map.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetInt32() : int.Parse(p.Value.GetString()!, CultureInfo.InvariantCulture));
    }

    private static string? ReadString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? ReadInt(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static PoolingMode ReadPooling(string folder)
    {
        var path = Path.Combine(folder, "1_Pooling", "config.json");
        if (!File.Exists(path))
        {
            return PoolingMode.Mean;
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        bool Flag(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
        return Flag("pooling_mode_cls_token") ? PoolingMode.Cls : PoolingMode.Mean;
    }

    private static int? ReadSentenceMaxLength(string folder)
    {
        var path = Path.Combine(folder, "sentence_bert_config.json");
        if (!File.Exists(path))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return ReadInt(doc.RootElement, "max_seq_length");
    }

    private static bool HasNormalize(string folder, string modules)
    {
        if (Directory.Exists(Path.Combine(folder, "2_Normalize")))
        {
            return true;
        }

        return File.Exists(modules) && File.ReadAllText(modules).Contains("sentence_transformers.models.Normalize", StringComparison.Ordinal);
    }
}
