using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HfPipelines.Generation;

/// <summary>
/// What a constrained answer must look like: one tool call in the model family's format (optionally
/// "or plain text"), or JSON matching a schema. Backends turn it into a GBNF grammar (llama.cpp) or a
/// JSON schema for guidance (ONNX Runtime GenAI). Immutable.
/// </summary>
public sealed class GenerationConstraint
{
    private GenerationConstraint(IReadOnlyList<ToolDefinition> tools, ToolCallFormat format, bool allowText, JsonElement? jsonSchema)
    {
        Tools = tools;
        Format = format;
        AllowText = allowText;
        JsonSchema = jsonSchema;
    }

    /// <summary>The tools, one of which must be called (empty for a JSON answer).</summary>
    public IReadOnlyList<ToolDefinition> Tools { get; }

    /// <summary>The tool-call format.</summary>
    public ToolCallFormat Format { get; }

    /// <summary>True when plain text is allowed instead of a call (<c>ChatToolMode.Auto</c>).</summary>
    public bool AllowText { get; }

    /// <summary>For a JSON answer: its schema (an empty object schema means any JSON object).</summary>
    public JsonElement? JsonSchema { get; }

    /// <summary>True for a tool-call constraint; false for a JSON answer.</summary>
    public bool IsToolCall => Tools.Count > 0;

    /// <summary>A tool-call constraint.</summary>
    /// <param name="tools">At least one tool.</param>
    /// <param name="format">The family's call format.</param>
    /// <param name="allowText">Allow plain text instead of a call.</param>
    /// <returns>The constraint.</returns>
    public static GenerationConstraint ForTools(IReadOnlyList<ToolDefinition> tools, ToolCallFormat format, bool allowText)
    {
        ArgumentNullException.ThrowIfNull(tools);
        if (tools.Count == 0)
        {
            throw new ArgumentException("At least one tool is needed for a tool-call constraint.", nameof(tools));
        }

        return new GenerationConstraint(tools, format, allowText, null);
    }

    /// <summary>A JSON answer constraint.</summary>
    /// <param name="schema">The schema, or null for any JSON object.</param>
    /// <returns>The constraint.</returns>
    public static GenerationConstraint ForJson(JsonElement? schema) =>
        new([], ToolCallFormat.BareJson, false, schema ?? JsonDocument.Parse("{\"type\":\"object\"}").RootElement.Clone());

    /// <summary>The GBNF grammar (root rule <c>root</c>).</summary>
    /// <param name="options">Limits; null for the defaults.</param>
    /// <returns>The grammar text.</returns>
    public string ToGbnf(JsonSchemaGbnfOptions? options = null)
    {
        var converter = new JsonSchemaGbnfConverter(options);
        if (!IsToolCall)
        {
            converter.AddRule("root", converter.AddSchema(JsonSchema!.Value, "answer"));
            return converter.Build();
        }

        var argsKey = JsonSchemaGbnfConverter.Literal(JsonSerializer.Serialize(ToolCallFormats.ArgumentsKey(Format)));
        var calls = new List<string>();
        for (var i = 0; i < Tools.Count; i++)
        {
            var tool = Tools[i];
            var args = converter.AddSchema(tool.ParametersSchema, $"tool{i}-args");
            var name = JsonSchemaGbnfConverter.Literal(JsonSerializer.Serialize(tool.Name));
            converter.AddRule($"tool{i}-call", $"\"{{\" ws \"\\\"name\\\"\" ws \":\" ws {name} ws \",\" ws {argsKey} ws \":\" ws {args} ws \"}}\"");
            calls.Add($"tool{i}-call");
        }

        converter.AddRule("call", string.Join(" | ", calls));
        var wrapped = Format switch
        {
            ToolCallFormat.Hermes => "\"<tool_call>\\n\" call \"\\n</tool_call>\"",
            ToolCallFormat.Mistral => "\"[TOOL_CALLS]\" \"[\" call \"]\"",
            _ => "call",
        };
        if (AllowText)
        {
            var first = Format switch { ToolCallFormat.Hermes => "<", ToolCallFormat.Mistral => "\\[", _ => "{" };
            converter.AddRule("text", $"[^{first} \\t\\n] [^\\x00]*");
            converter.AddRule("root", $"({wrapped}) | text");
        }
        else
        {
            converter.AddRule("root", wrapped);
        }

        return converter.Build();
    }

    /// <summary>The JSON schema a guidance engine enforces: one call object (name const + arguments
    /// schema, strings capped, no undeclared keys) for tools, or the answer schema. Plain text is not expressible this way.</summary>
    /// <param name="maxStringLength">Cap for strings without a smaller <c>maxLength</c>.</param>
    /// <returns>The schema as JSON text, with <c>"x-guidance": {"whitespace_flexible": false}</c>.</returns>
    public string ToJsonSchema(int maxStringLength = 48)
    {
        JsonObject schema;
        if (!IsToolCall)
        {
            schema = (JsonNode.Parse(JsonSchema!.Value.GetRawText()) as JsonObject) ?? [];
        }
        else
        {
            var key = ToolCallFormats.ArgumentsKey(Format);
            var alternatives = new JsonArray();
            foreach (var tool in Tools)
            {
                alternatives.Add(new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["name"] = new JsonObject { ["const"] = tool.Name },
                        [key] = JsonNode.Parse(tool.ParametersSchema.GetRawText()),
                    },
                    ["required"] = new JsonArray("name", key),
                    ["additionalProperties"] = false,
                });
            }

            schema = new JsonObject { ["anyOf"] = alternatives };
        }

        CapStrings(schema, maxStringLength);
        schema["x-guidance"] = new JsonObject { ["whitespace_flexible"] = false };
        return schema.ToJsonString();
    }

    private static void CapStrings(JsonNode? node, int max)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"] is JsonValue t && t.TryGetValue<string>(out var type) && type == "string" && obj["enum"] is null && obj["const"] is null)
                {
                    var existing = obj["maxLength"] is JsonValue v && v.TryGetValue<int>(out var m) ? m : int.MaxValue;
                    obj["maxLength"] = Math.Min(existing, max);
                }

                if (obj["properties"] is JsonObject && obj["additionalProperties"] is null)
                {
                    // As in the GBNF grammar: no keys beyond the declared ones (an open key is an uncapped string).
                    obj["additionalProperties"] = false;
                }

                foreach (var child in obj.Where(p => p.Key != "additionalProperties").Select(p => p.Value).ToList())
                {
                    CapStrings(child, max);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    CapStrings(child, max);
                }

                break;
        }
    }

    /// <inheritdoc />
    public override string ToString() => new StringBuilder(IsToolCall ? "tools:" : "json")
        .AppendJoin(',', Tools.Select(t => t.Name)).ToString();
}
