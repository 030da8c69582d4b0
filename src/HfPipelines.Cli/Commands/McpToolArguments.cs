using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace HfPipelines.Cli.Commands;

/// <summary>
/// Checks the arguments of an MCP tool call against the tool's JSON schema before the call is bound: unknown names,
/// missing required arguments and values of the wrong type become one message that names each problem and lists the
/// tool's arguments. Text parameters also take a JSON array or object (passed on as its JSON text, as
/// <c>ModelToolFunction</c> does); number and boolean parameters also take their text ("5", "true").
/// </summary>
internal static class McpToolArguments
{
    private const int MaxEcho = 40;

    /// <summary>The problems with <paramref name="arguments"/>, or null when they fit the schema.</summary>
    /// <param name="function">The tool.</param>
    /// <param name="arguments">The arguments as the MCP server passes them (JSON elements).</param>
    /// <returns>A message naming every problem and the tool's arguments, or null.</returns>
    public static string? Check(AIFunction function, IReadOnlyDictionary<string, object?> arguments)
    {
        var schema = function.JsonSchema;
        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p.EnumerateObject().ToList() : [];
        var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet(StringComparer.Ordinal)
            : [];
        var problems = new List<string>();
        foreach (var name in arguments.Keys.Where(k => !properties.Any(q => q.Name == k)))
        {
            problems.Add($"unknown argument '{Echo(name)}'");
        }

        foreach (var property in properties)
        {
            var type = property.Value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "string";
            arguments.TryGetValue(property.Name, out var value);
            if (value is null || value is JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined })
            {
                if (required.Contains(property.Name))
                {
                    problems.Add($"'{property.Name}' is missing ({Describe(type)}, required)");
                }

                continue;
            }

            if (value is JsonElement element && !Fits(element, type))
            {
                problems.Add($"'{property.Name}' must be {Describe(type)}, got {Kind(element)} {Echo(element.GetRawText())}");
            }
        }

        return problems.Count == 0
            ? null
            : $"Invalid arguments for {function.Name}: {string.Join("; ", problems)}. Its arguments: "
                + string.Join(", ", properties.Select(q => $"{q.Name} ({(required.Contains(q.Name) ? "required " : string.Empty)}{TypeOf(q.Value)})")) + ".";
    }

    private static bool Fits(JsonElement element, string type) => type switch
    {
        "string" => element.ValueKind is JsonValueKind.String or JsonValueKind.Array or JsonValueKind.Object,
        "integer" => element.ValueKind == JsonValueKind.Number ? element.TryGetInt32(out _)
            : element.ValueKind == JsonValueKind.String && int.TryParse(element.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        "number" => element.ValueKind == JsonValueKind.Number ? element.TryGetDouble(out var d) && double.IsFinite(d)
            : element.ValueKind == JsonValueKind.String && double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && double.IsFinite(s),
        "boolean" => element.ValueKind is JsonValueKind.True or JsonValueKind.False
            || (element.ValueKind == JsonValueKind.String && bool.TryParse(element.GetString(), out _)),
        _ => true,
    };

    private static string TypeOf(JsonElement property) =>
        property.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "string";

    private static string Describe(string type) => type switch
    {
        "string" => "text",
        "integer" => "a whole number from -2147483648 to 2147483647",
        "number" => "a finite number",
        "boolean" => "true or false",
        _ => type,
    };

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "the text",
        JsonValueKind.Number => "the number",
        JsonValueKind.True or JsonValueKind.False => "the boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "the value",
    };

    /// <summary>The start of a value, with control characters escaped, for an error message.</summary>
    private static string Echo(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Length > MaxEcho ? text[..MaxEcho] : text)
        {
            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c);
        }

        return text.Length > MaxEcho ? builder.Append("...").ToString() : builder.ToString();
    }
}
