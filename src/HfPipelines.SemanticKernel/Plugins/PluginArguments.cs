using System.Text.Json;

namespace HfPipelines.SemanticKernel.Plugins;

/// <summary>Turns the model-friendly label lists of plugin functions into task options (file paths and URIs are read by the task descriptors).</summary>
internal static class PluginArguments
{
    /// <summary>Parses labels given as "a, b, c" or as a JSON array of strings; blanks are dropped.</summary>
    public static IList<string> Labels(string labels, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(labels))
        {
            throw new InvalidPipelineInputException($"'{parameterName}' is empty. Give the candidate labels separated by commas, e.g. \"sales, support\".");
        }

        var trimmed = labels.Trim();
        if (trimmed.StartsWith('['))
        {
            try
            {
                var parsed = JsonSerializer.Deserialize<string[]>(trimmed) ?? [];
                return Clean(parsed, labels, parameterName);
            }
            catch (JsonException)
            {
                // Not a JSON array after all (e.g. "[draft], final"): fall back to commas.
            }
        }

        return Clean(trimmed.Split(','), labels, parameterName);
    }

    private static List<string> Clean(IEnumerable<string> labels, string original, string parameterName)
    {
        var result = labels.Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (result.Count == 0)
        {
            throw new InvalidPipelineInputException($"'{parameterName}' holds no label ('{original}'). Give the candidate labels separated by commas, e.g. \"sales, support\".");
        }

        return result;
    }
}
