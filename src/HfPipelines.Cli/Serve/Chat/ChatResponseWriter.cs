using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace HfPipelines.Cli.Serve.Chat;

/// <summary>Writes Microsoft.Extensions.AI chat answers as OpenAI <c>chat.completion</c> objects and stream chunks.</summary>
internal static class ChatResponseWriter
{
    private static readonly JsonSerializerOptions Compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    public static JsonObject Completion(ChatResponse response, string id, string model, long created)
    {
        var contents = response.Messages.SelectMany(m => m.Contents).ToList();
        var calls = contents.OfType<FunctionCallContent>().ToList();
        var text = string.Concat(contents.OfType<TextContent>().Select(t => t.Text));
        var message = new JsonObject { ["role"] = "assistant", ["content"] = text.Length == 0 && calls.Count > 0 ? null : text };
        if (calls.Count > 0)
        {
            message["tool_calls"] = new JsonArray([.. calls.Select((c, i) => ToolCall(c, i, withIndex: false))]);
        }

        var body = new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = created,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = Finish(response.FinishReason, calls.Count > 0) }),
        };
        if (Usage(response.Usage) is { } usage)
        {
            body["usage"] = usage;
        }

        return body;
    }

    public static JsonObject Chunk(string id, string model, long created, JsonObject? delta, string? finishReason)
    {
        var choices = new JsonArray();
        if (delta is not null)
        {
            choices.Add(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason });
        }

        return new JsonObject { ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = created, ["model"] = model, ["choices"] = choices };
    }

    public static JsonNode ToolCall(FunctionCallContent call, int index, bool withIndex)
    {
        var node = new JsonObject
        {
            ["id"] = string.IsNullOrEmpty(call.CallId) ? $"call_{index}" : call.CallId,
            ["type"] = "function",
            ["function"] = new JsonObject
            {
                ["name"] = call.Name,
                ["arguments"] = JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), Compact),
            },
        };
        if (withIndex)
        {
            node["index"] = index;
        }

        return node;
    }

    public static string Finish(ChatFinishReason? reason, bool hasCalls) =>
        reason?.Value ?? (hasCalls ? ChatFinishReason.ToolCalls.Value : ChatFinishReason.Stop.Value);

    public static JsonObject? Usage(UsageDetails? usage) => usage is null ? null : new JsonObject
    {
        ["prompt_tokens"] = usage.InputTokenCount ?? 0,
        ["completion_tokens"] = usage.OutputTokenCount ?? 0,
        ["total_tokens"] = usage.TotalTokenCount ?? ((usage.InputTokenCount ?? 0) + (usage.OutputTokenCount ?? 0)),
    };
}
