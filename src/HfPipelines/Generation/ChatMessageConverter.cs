using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace HfPipelines.Generation;

/// <summary>
/// Turns Microsoft.Extensions.AI messages and tools into the JSON a Hugging Face chat template expects:
/// <c>{role, content}</c> messages, assistant <c>tool_calls</c> (<c>{id, type: "function", function: {name,
/// arguments}}</c>, arguments as an object), one <c>tool</c> message per function result (with
/// <c>tool_call_id</c> and <c>name</c>), and tools as <c>{type: "function", function: {name, description,
/// parameters}}</c>. Thread-safe.
/// </summary>
public static class ChatMessageConverter
{
    private static readonly JsonSerializerOptions s_compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    /// <summary>Converts a conversation.</summary>
    /// <param name="messages">The messages.</param>
    /// <returns>The template's <c>messages</c>.</returns>
    public static JsonArray ToTemplateMessages(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var result = new JsonArray();
        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            var text = Text(message);
            var calls = message.Contents.OfType<FunctionCallContent>().ToList();
            var results = message.Contents.OfType<FunctionResultContent>().ToList();
            if (calls.Count > 0)
            {
                result.Add(AssistantWithCalls(message, text, calls, callNames));
            }
            else if (results.Count > 0)
            {
                foreach (var r in results)
                {
                    result.Add(new JsonObject
                    {
                        ["role"] = "tool",
                        ["tool_call_id"] = r.CallId,
                        ["name"] = callNames.GetValueOrDefault(r.CallId, string.Empty),
                        ["content"] = ResultText(r.Result),
                    });
                }
            }
            else
            {
                result.Add(new JsonObject { ["role"] = message.Role.Value, ["content"] = text });
            }
        }

        return result;
    }

    /// <summary>Converts tools to the template's <c>tools</c>.</summary>
    /// <param name="tools">The tools.</param>
    /// <returns>The JSON array.</returns>
    public static JsonArray ToTemplateTools(IEnumerable<ToolDefinition> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var array = new JsonArray();
        foreach (var tool in tools)
        {
            array.Add(new JsonObject
            {
                ["type"] = "function",
                ["function"] = new JsonObject
                {
                    ["name"] = tool.Name,
                    ["description"] = tool.Description,
                    ["parameters"] = JsonNode.Parse(tool.ParametersSchema.GetRawText()),
                },
            });
        }

        return array;
    }

    /// <summary>The function declarations among chat tools.</summary>
    /// <param name="tools">The tools of <see cref="ChatOptions.Tools"/>, or null.</param>
    /// <returns>One definition per function declaration.</returns>
    public static IReadOnlyList<ToolDefinition> ToToolDefinitions(IEnumerable<AITool>? tools) =>
        tools?.OfType<AIFunctionDeclaration>()
            .Select(f => new ToolDefinition(f.Name, f.Description, f.JsonSchema))
            .ToList() ?? [];

    private static string Text(ChatMessage message)
    {
        var sb = new StringBuilder();
        foreach (var content in message.Contents.OfType<TextContent>())
        {
            sb.Append(content.Text);
        }

        return sb.ToString();
    }

    private static JsonObject AssistantWithCalls(ChatMessage message, string text, List<FunctionCallContent> calls, Dictionary<string, string> callNames)
    {
        var toolCalls = new JsonArray();
        foreach (var call in calls)
        {
            callNames[call.CallId] = call.Name;
            var arguments = new JsonObject();
            foreach (var (key, value) in call.Arguments ?? new Dictionary<string, object?>())
            {
                arguments[key] = value is null ? null : JsonSerializer.SerializeToNode(value, s_compact.GetTypeInfo(value.GetType()));
            }

            toolCalls.Add(new JsonObject
            {
                ["id"] = call.CallId,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = arguments },
            });
        }

        return new JsonObject { ["role"] = message.Role.Value, ["content"] = text, ["tool_calls"] = toolCalls };
    }

    private static string ResultText(object? result) => result switch
    {
        null => string.Empty,
        string s => s,
        JsonElement e when e.ValueKind == JsonValueKind.String => e.GetString()!,
        _ => JsonSerializer.Serialize(result, s_compact.GetTypeInfo(result.GetType())),
    };
}
