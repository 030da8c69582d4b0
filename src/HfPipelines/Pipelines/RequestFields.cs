using System.Text.Json;

namespace HfPipelines.Pipelines;

/// <summary>
/// Typed reads of optional fields of one JSON object of a task request (<c>parameters</c>, <c>inputs</c> ...); a field
/// of the wrong type is an <see cref="InvalidPipelineInputException"/> naming the field's path (HTTP surfaces answer 400).
/// </summary>
/// <param name="obj">The object, or an undefined element for none.</param>
/// <param name="path">The object's path for messages ("parameters", "" for the root).</param>
public readonly struct RequestFields(JsonElement obj, string path)
{
    /// <summary>An empty object.</summary>
    /// <param name="path">Its path.</param>
    /// <returns>The fields.</returns>
    public static RequestFields Empty(string path) => new(default, path);

    /// <summary>The object field <paramref name="name"/> of <paramref name="parent"/>, empty when absent or null.</summary>
    /// <param name="parent">The parent object.</param>
    /// <param name="name">The field.</param>
    /// <returns>The fields.</returns>
    public static RequestFields Of(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return Empty(name);
        }

        return value.ValueKind == JsonValueKind.Object ? new RequestFields(value, name) : throw Wrong(name, "an object", value);
    }

    /// <summary>A required string.</summary>
    /// <param name="value">The element.</param>
    /// <param name="path">Its path.</param>
    /// <returns>The text.</returns>
    public static string Text(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()) ? value.GetString()! : throw Wrong(path, "a non-empty string", value);

    /// <summary>The nested object field.</summary>
    /// <param name="name">The field.</param>
    /// <returns>The fields.</returns>
    public RequestFields Object(string name)
    {
        if (Get(name) is not { } v)
        {
            return Empty(Path(name));
        }

        return v.ValueKind == JsonValueKind.Object ? new RequestFields(v, Path(name)) : throw Wrong(Path(name), "an object", v);
    }

    /// <summary>The object itself (undefined when absent).</summary>
    public JsonElement Element => obj;

    /// <summary>True when the field is present and not null.</summary>
    /// <param name="name">The field.</param>
    /// <returns>Whether it is set.</returns>
    public bool Has(string name) => Get(name) is not null;

    /// <summary>An optional integer.</summary>
    /// <param name="name">The field.</param>
    /// <returns>The value or null.</returns>
    public int? Int(string name) => Get(name) is { } v ? v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw Wrong(Path(name), "an integer", v) : null;

    /// <summary>An optional number.</summary>
    /// <param name="name">The field.</param>
    /// <returns>The value or null.</returns>
    public float? Float(string name) => Get(name) is { } v ? v.ValueKind == JsonValueKind.Number ? v.GetSingle() : throw Wrong(Path(name), "a number", v) : null;

    /// <summary>An optional boolean.</summary>
    /// <param name="name">The field.</param>
    /// <returns>The value or null.</returns>
    public bool? Bool(string name) => Get(name) is { } v ? v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw Wrong(Path(name), "true or false", v) : null;

    /// <summary>An optional string.</summary>
    /// <param name="name">The field.</param>
    /// <returns>The value or null.</returns>
    public string? String(string name) => Get(name) is { } v ? v.ValueKind == JsonValueKind.String ? v.GetString() : throw Wrong(Path(name), "a string", v) : null;

    /// <summary>An optional list of strings (a single string is a list of one; a comma list is split, as transformers does for labels).</summary>
    /// <param name="name">The field.</param>
    /// <param name="splitCommas">Split a single string on commas.</param>
    /// <returns>The values or null.</returns>
    public IList<string>? Strings(string name, bool splitCommas = false)
    {
        if (Get(name) is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            var one = v.GetString()!;
            return splitCommas ? [.. one.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : [one];
        }

        return v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
            ? [.. v.EnumerateArray().Select(e => e.GetString()!)]
            : throw Wrong(Path(name), "a list of strings", v);
    }

    /// <summary>An optional enum named in lower case (<c>"sigmoid"</c>).</summary>
    /// <typeparam name="T">The enum.</typeparam>
    /// <param name="name">The field.</param>
    /// <returns>The value or null.</returns>
    public T? Enum<T>(string name)
        where T : struct, System.Enum
    {
        if (String(name) is not { } text)
        {
            return null;
        }

        return System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _)
            ? value
            : throw new InvalidPipelineInputException($"{Path(name)} must be one of {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}, got '{text}'.");
    }

    /// <summary>A 400 for a field of the wrong type.</summary>
    /// <param name="path">The field's path.</param>
    /// <param name="expected">What it must be.</param>
    /// <param name="actual">What it is.</param>
    /// <returns>The exception.</returns>
    public static InvalidPipelineInputException Wrong(string path, string expected, JsonElement actual) =>
        new($"{path} must be {expected}, got {(actual.ValueKind == JsonValueKind.Undefined ? "nothing" : Shorten(actual.GetRawText()))}.");

    private static string Shorten(string raw) => raw.Length > 80 ? raw[..80] + "..." : raw;

    private string Path(string name) => path.Length == 0 ? name : $"{path}.{name}";

    private JsonElement? Get(string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
