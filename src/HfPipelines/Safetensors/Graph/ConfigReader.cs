using System.Text.Json;

namespace HfPipelines.Safetensors.Graph;

/// <summary>Typed reads of a <c>config.json</c> object; a wrong type or a missing required key is a one-line <see cref="ModelLoadException"/>.</summary>
internal readonly struct ConfigReader(JsonElement root, string path)
{
    public string? String(string key, string? fallback) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw Wrong(key, "a string")
            : fallback;

    public int Int(string key, int? fallback = null) => checked((int)Long(key, fallback));

    public long Long(string key, long? fallback = null)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : throw Wrong(key, "an integer");
        }

        return fallback ?? throw new ModelLoadException($"'{path}' has no '{key}'; the graph builder needs it. Download the model's complete config.json again (hfp models pull).");
    }

    public double Double(string key, double fallback) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw Wrong(key, "a number")
            : fallback;

    private ModelLoadException Wrong(string key, string what) =>
        new($"'{path}': '{key}' is not {what}. Download the model's config.json again (hfp models pull).");
}
