using System.Text.Json.Nodes;

namespace HfPipelines.Tokenization.Loading;

/// <summary>Typed access to the fields of a tokenizer JSON file; a bad field throws <see cref="TokenizerLoadException"/>
/// naming the file and the field.</summary>
internal sealed class JsonFields(string file)
{
    public string File => file;

    public JsonObject Object(JsonNode? node, string path) =>
        node as JsonObject ?? throw TokenizerLoadException.ForField(file, path, node is null ? "is missing" : "must be an object");

    public JsonArray Array(JsonNode? node, string path) =>
        node as JsonArray ?? throw TokenizerLoadException.ForField(file, path, node is null ? "is missing" : "must be an array");

    public string String(JsonObject parent, string name, string path) =>
        OptionalString(parent, name, path) ?? throw TokenizerLoadException.ForField(file, $"{path}.{name}", "is missing");

    public string? OptionalString(JsonObject parent, string name, string path)
    {
        var node = parent[name];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var s)
            ? s
            : throw TokenizerLoadException.ForField(file, $"{path}.{name}", "must be a string");
    }

    public bool Bool(JsonObject parent, string name, string path, bool fallback) => OptionalBool(parent, name, path) ?? fallback;

    public bool? OptionalBool(JsonObject parent, string name, string path)
    {
        var node = parent[name];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue value && value.TryGetValue<bool>(out var b)
            ? b
            : throw TokenizerLoadException.ForField(file, $"{path}.{name}", "must be true or false");
    }

    public int Int(JsonObject parent, string name, string path, int fallback) => OptionalInt(parent, name, path) ?? fallback;

    public int? OptionalInt(JsonObject parent, string name, string path)
    {
        var node = parent[name];
        if (node is null)
        {
            return null;
        }

        return AsInt(node, $"{path}.{name}");
    }

    public int AsInt(JsonNode? node, string path)
    {
        if (node is JsonValue value)
        {
            if (value.TryGetValue<int>(out var i))
            {
                return i;
            }

            if (value.TryGetValue<long>(out var l) && l is >= int.MinValue and <= int.MaxValue)
            {
                return (int)l;
            }

            if (value.TryGetValue<double>(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
            {
                return (int)d;
            }
        }

        throw TokenizerLoadException.ForField(file, path, "must be an integer");
    }

    public double AsDouble(JsonNode? node, string path) =>
        node is JsonValue value && value.TryGetValue<double>(out var d)
            ? d
            : throw TokenizerLoadException.ForField(file, path, "must be a number");

    public string AsString(JsonNode? node, string path) =>
        node is JsonValue value && value.TryGetValue<string>(out var s)
            ? s
            : throw TokenizerLoadException.ForField(file, path, "must be a string");

    public TokenizerLoadException Unsupported(string path, string? type, string supported) =>
        TokenizerLoadException.ForField(file, path, $"has type '{type ?? "(none)"}', which is not supported (supported: {supported})");
}
