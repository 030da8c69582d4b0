using System.Text.Json.Nodes;

namespace HfPipelines.Pipelines;

/// <summary>Reads a model folder's JSON files (config.json, generation_config.json) with errors that name the file.</summary>
internal static class ModelJson
{
    /// <summary>The file's JSON object, or null when the file does not exist.</summary>
    /// <exception cref="ModelLoadException">The file is not valid JSON or not an object.</exception>
    public static JsonObject? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new ModelLoadException($"'{path}' is not a JSON object.");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new ModelLoadException($"'{path}' is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>The folder's config.json.</summary>
    /// <exception cref="ModelLoadException">It is missing, not valid JSON, or not an object.</exception>
    public static JsonObject ReadConfig(string folder)
    {
        var path = Path.Combine(folder, "config.json");
        return TryRead(path) ?? throw new ModelLoadException($"'{path}' is missing: a model folder needs its config.json.");
    }
}
