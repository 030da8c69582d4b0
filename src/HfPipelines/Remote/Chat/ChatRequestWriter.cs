using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace HfPipelines.Remote.Chat;

/// <summary>Writes an OpenAI-compatible <c>/v1/chat/completions</c> request from Microsoft.Extensions.AI messages and options.</summary>
internal static class ChatRequestWriter
{
    private static readonly JsonSerializerOptions Compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    public static JsonObject Write(IEnumerable<ChatMessage> messages, ChatOptions? options, string? defaultModel, bool stream)
    {
        var model = options?.ModelId ?? defaultModel;
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new RemoteInferenceException("Chat needs a model id (e.g. 'meta-llama/Llama-3.1-8B-Instruct' or 'org/name:fastest'); set ChatOptions.ModelId or the client's default model.");
        }

        var body = new JsonObject { ["model"] = model, ["messages"] = Messages(messages) };
        if (options is not null)
        {
            WriteOptions(body, options);
        }

        if (stream)
        {
            body["stream"] = true;
            body["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        return body;
    }

    private static JsonArray Messages(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var array = new JsonArray();
        foreach (var message in messages)
        {
            foreach (var result in message.Contents.OfType<FunctionResultContent>())
            {
                array.Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = result.CallId, ["content"] = ResultText(result.Result) });
            }

            var calls = message.Contents.OfType<FunctionCallContent>().ToList();
            var text = string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));
            var images = message.Contents.OfType<DataContent>().Where(d => d.HasTopLevelMediaType("image")).ToList();
            if (calls.Count == 0 && text.Length == 0 && images.Count == 0)
            {
                continue;
            }

            var item = new JsonObject { ["role"] = message.Role.Value };
            item["content"] = images.Count == 0 ? (calls.Count > 0 && text.Length == 0 ? null : text) : Parts(text, images);
            if (calls.Count > 0)
            {
                item["tool_calls"] = new JsonArray([.. calls.Select(ToolCall)]);
            }

            array.Add(item);
        }

        return array;
    }

    private static JsonArray Parts(string text, List<DataContent> images)
    {
        var parts = new JsonArray();
        if (text.Length > 0)
        {
            parts.Add(new JsonObject { ["type"] = "text", ["text"] = text });
        }

        foreach (var image in images)
        {
            parts.Add(new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = image.Uri } });
        }

        return parts;
    }

    private static JsonNode ToolCall(FunctionCallContent call) => new JsonObject
    {
        ["id"] = call.CallId,
        ["type"] = "function",
        ["function"] = new JsonObject
        {
            ["name"] = call.Name,
            ["arguments"] = JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), Compact),
        },
    };

    private static string ResultText(object? result) =>
        result as string ?? JsonSerializer.Serialize(result, Compact);

    private static void WriteOptions(JsonObject body, ChatOptions options)
    {
        Set(body, "max_tokens", options.MaxOutputTokens);
        Set(body, "temperature", options.Temperature);
        Set(body, "top_p", options.TopP);
        Set(body, "seed", options.Seed);
        Set(body, "frequency_penalty", options.FrequencyPenalty);
        Set(body, "presence_penalty", options.PresencePenalty);
        if (options.StopSequences is { Count: > 0 } stop)
        {
            body["stop"] = new JsonArray([.. stop.Select(s => (JsonNode?)JsonValue.Create(s))]);
        }

        var tools = options.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];
        if (tools.Count > 0 && options.ToolMode is not NoneChatToolMode)
        {
            body["tools"] = new JsonArray([.. tools.Select(Tool)]);
        }

        body["tool_choice"] = options.ToolMode switch
        {
            NoneChatToolMode => "none",
            AutoChatToolMode => "auto",
            RequiredChatToolMode { RequiredFunctionName: { } name } => new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = name } },
            RequiredChatToolMode => "required",
            _ => null,
        };
        if (body["tool_choice"] is null)
        {
            body.Remove("tool_choice");
        }

        if (options.ResponseFormat is ChatResponseFormatJson json)
        {
            body["response_format"] = json.Schema is { } schema
                ? new JsonObject { ["type"] = "json_schema", ["json_schema"] = new JsonObject { ["name"] = json.SchemaName ?? "response", ["schema"] = JsonNode.Parse(schema.GetRawText()) } }
                : new JsonObject { ["type"] = "json_object" };
        }
    }

    private static JsonNode Tool(AIFunctionDeclaration function) => new JsonObject
    {
        ["type"] = "function",
        ["function"] = new JsonObject
        {
            ["name"] = function.Name,
            ["description"] = function.Description,
            ["parameters"] = JsonNode.Parse(function.JsonSchema.GetRawText()),
        },
    };

    private static void Set<T>(JsonObject body, string name, T? value)
        where T : struct
    {
        if (value is { } set)
        {
            body[name] = JsonValue.Create(set);
        }
    }
}
