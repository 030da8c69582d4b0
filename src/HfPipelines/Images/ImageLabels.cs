using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HfPipelines.Images;

/// <summary>Reads class labels: config.json <c>id2label</c>, a JSON array or object, or a text file.</summary>
internal static partial class ImageLabels
{
    /// <summary>Reads <c>id2label</c> (and <c>problem_type</c>) from a config.json.</summary>
    /// <param name="configPath">The config.json.</param>
    /// <returns>The labels (null when the file has none) and whether the model is multi-label.</returns>
    public static (IReadOnlyList<string>? Labels, bool MultiLabel) FromConfig(string configPath)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(configPath));
            var root = doc.RootElement;
            var multi = root.TryGetProperty("problem_type", out var p) && p.ValueKind == JsonValueKind.String
                && p.GetString() == "multi_label_classification";
            var labels = root.TryGetProperty("id2label", out var map) && map.ValueKind == JsonValueKind.Object ? FromObject(map) : null;
            return (labels, multi);
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"'{configPath}' is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a labels file: a JSON array, a JSON object of index to label, or text (one label a line, or <c>{0: 'tench', ...}</c>).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The labels, index = class id.</returns>
    public static IReadOnlyList<string> FromFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"Labels file '{path}' does not exist. Pass a JSON array of labels or a text file with one label per line.");
        }

        var text = File.ReadAllText(path);
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('[') || (trimmed.StartsWith('{') && trimmed.Contains('"', StringComparison.Ordinal) && !PythonDictEntry().IsMatch(trimmed)))
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                return doc.RootElement.ValueKind == JsonValueKind.Array
                    ? doc.RootElement.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToArray()
                    : FromObject(doc.RootElement);
            }
            catch (JsonException ex)
            {
                throw new ModelLoadException($"Labels file '{path}' is not valid JSON: {ex.Message}", ex);
            }
        }

        var entries = PythonDictEntry().Matches(text);
        if (entries.Count > 0)
        {
            return ToList(entries.Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[3].Value)));
        }

        return text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
    }

    private static string[] FromObject(JsonElement map) =>
        ToList(map.EnumerateObject().Select(p => (int.Parse(p.Name, CultureInfo.InvariantCulture), p.Value.GetString() ?? string.Empty)));

    private static string[] ToList(IEnumerable<(int Id, string Label)> pairs)
    {
        var list = pairs.ToList();
        var labels = new string[list.Count == 0 ? 0 : list.Max(p => p.Id) + 1];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = $"LABEL_{i}";
        }

        foreach (var (id, label) in list)
        {
            labels[id] = label;
        }

        return labels;
    }

    [GeneratedRegex(@"(\d+)\s*:\s*(['""])(.*?)\2\s*[,}]")]
    private static partial Regex PythonDictEntry();
}
