using System.Text;
using System.Text.Json;

namespace HfPipelines.Generation;

/// <summary>
/// Finds tool calls in free model output, in the formats of common template families: Hermes/Qwen
/// <c>&lt;tool_call&gt;{...}&lt;/tool_call&gt;</c>, Mistral <c>[TOOL_CALLS][{...}]</c>, and a bare JSON object
/// or array of objects with <c>name</c> and <c>arguments</c> or <c>parameters</c> (Llama 3.x, optionally after
/// <c>&lt;|python_tag|&gt;</c>). Text that is not a well-formed call stays text. Thread-safe.
/// </summary>
public static class ToolCallParser
{
    private const string HermesOpen = "<tool_call>";
    private const string HermesClose = "</tool_call>";
    private const string MistralTag = "[TOOL_CALLS]";
    private const string PythonTag = "<|python_tag|>";

    /// <summary>Splits output into text and tool calls.</summary>
    /// <param name="output">The generated text.</param>
    /// <returns>The text and the calls.</returns>
    public static ToolCallParseResult Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Contains(HermesOpen, StringComparison.Ordinal))
        {
            return ParseHermes(output);
        }

        var mistral = output.IndexOf(MistralTag, StringComparison.Ordinal);
        if (mistral >= 0)
        {
            var calls = ParseCalls(output[(mistral + MistralTag.Length)..].Trim());
            return calls.Count > 0 ? new(output[..mistral].Trim(), calls) : Plain(output);
        }

        var trimmed = output.Trim();
        if (trimmed.StartsWith(PythonTag, StringComparison.Ordinal))
        {
            trimmed = trimmed[PythonTag.Length..].Trim();
        }

        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            var calls = ParseCalls(trimmed);
            if (calls.Count > 0)
            {
                return new(string.Empty, calls);
            }
        }

        return Plain(output);
    }

    private static ToolCallParseResult Plain(string output) => new(output.Trim(), []);

    private static ToolCallParseResult ParseHermes(string output)
    {
        var text = new StringBuilder();
        var calls = new List<ParsedToolCall>();
        var position = 0;
        while (position < output.Length)
        {
            var open = output.IndexOf(HermesOpen, position, StringComparison.Ordinal);
            if (open < 0)
            {
                text.Append(output.AsSpan(position));
                break;
            }

            text.Append(output.AsSpan(position, open - position));
            var start = open + HermesOpen.Length;
            var close = output.IndexOf(HermesClose, start, StringComparison.Ordinal);
            var body = close < 0 ? output[start..] : output[start..close];
            var found = ParseCalls(body.Trim());
            if (found.Count == 0)
            {
                text.Append(output.AsSpan(open, (close < 0 ? output.Length : close + HermesClose.Length) - open));
            }

            calls.AddRange(found);
            position = close < 0 ? output.Length : close + HermesClose.Length;
        }

        return new(text.ToString().Trim(), calls);
    }

    /// <summary>Parses a JSON object or array of call objects; empty when it is not one.</summary>
    private static List<ParsedToolCall> ParseCalls(string json)
    {
        var calls = new List<ParsedToolCall>();
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true });
            var root = document.RootElement;
            var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
            foreach (var item in items)
            {
                var call = ParseCall(item);
                if (call is null)
                {
                    return [];
                }

                calls.Add(call);
            }
        }
        catch (JsonException)
        {
            // Not JSON: the caller keeps it as text.
            return [];
        }

        return calls;
    }

    private static ParsedToolCall? ParseCall(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (item.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object)
        {
            item = function;
        }

        if (!item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(name.GetString()))
        {
            return null;
        }

        JsonElement args = default;
        var hasArgs = item.TryGetProperty("arguments", out args) || item.TryGetProperty("parameters", out args);
        if (hasArgs && args.ValueKind == JsonValueKind.String)
        {
            using var inner = JsonDocument.Parse(args.GetString()!);
            args = inner.RootElement.Clone();
        }

        if (hasArgs && args.ValueKind != JsonValueKind.Object && args.ValueKind != JsonValueKind.Null)
        {
            return null;
        }

        var arguments = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (hasArgs && args.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in args.EnumerateObject())
            {
                arguments[property.Name] = property.Value.Clone();
            }
        }

        return new ParsedToolCall(name.GetString()!, arguments);
    }
}
