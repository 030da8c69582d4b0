using System.Text.Json;
using HfPipelines.Remote.Http;
using Microsoft.Extensions.AI;

namespace HfPipelines.Remote.Chat;

/// <summary>Reads OpenAI-compatible chat answers: <c>choices[0].message</c> with <c>tool_calls</c>, <c>usage</c>.</summary>
internal static class ChatResponseReader
{
    private const string Task = "chat";

    public static ChatResponse Read(JsonElement answer)
    {
        if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("choices", out var choices)
            || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0 || !choices[0].TryGetProperty("message", out var message))
        {
            throw RemoteJson.Shape(Task, "{choices: [{message}]}", answer);
        }

        var contents = new List<AIContent>();
        if (RemoteJson.OptionalString(message, "content") is { Length: > 0 } text)
        {
            contents.Add(new TextContent(text));
        }

        if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in calls.EnumerateArray())
            {
                var function = call.TryGetProperty("function", out var f) ? f : throw RemoteJson.Shape(Task, "a tool call with 'function'", call);
                contents.Add(FunctionCall(RemoteJson.OptionalString(call, "id") ?? string.Empty, RemoteJson.String(function, "name", Task), ArgumentsText(function)));
            }
        }

        var role = RemoteJson.OptionalString(message, "role") is { } r ? new ChatRole(r) : ChatRole.Assistant;
        return new ChatResponse(new ChatMessage(role, contents))
        {
            ResponseId = RemoteJson.OptionalString(answer, "id"),
            ModelId = RemoteJson.OptionalString(answer, "model"),
            CreatedAt = Created(answer),
            FinishReason = FinishReason(RemoteJson.OptionalString(choices[0], "finish_reason")),
            Usage = Usage(answer),
        };
    }

    public static FunctionCallContent FunctionCall(string callId, string name, string? arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            return new FunctionCallContent(callId, name, new Dictionary<string, object?>());
        }

        try
        {
            return new FunctionCallContent(callId, name, JsonSerializer.Deserialize<Dictionary<string, object?>>(arguments, AIJsonUtilities.DefaultOptions));
        }
        catch (JsonException ex)
        {
            // The model wrote arguments that are not a JSON object: hand the error to the caller with the call.
            return new FunctionCallContent(callId, name) { Exception = ex };
        }
    }

    public static string? ArgumentsText(JsonElement function) =>
        function.TryGetProperty("arguments", out var args)
            ? args.ValueKind == JsonValueKind.String ? args.GetString() : args.GetRawText()
            : null;

    public static UsageDetails? Usage(JsonElement answer)
    {
        if (!answer.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new UsageDetails
        {
            InputTokenCount = Long(usage, "prompt_tokens"),
            OutputTokenCount = Long(usage, "completion_tokens"),
            TotalTokenCount = Long(usage, "total_tokens"),
        };
    }

    public static ChatFinishReason? FinishReason(string? reason) => reason switch
    {
        null => null,
        "stop" or "eos_token" or "stop_sequence" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "content_filter" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(reason),
    };

    public static DateTimeOffset? Created(JsonElement answer) =>
        answer.TryGetProperty("created", out var created) && created.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private static long? Long(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : null;
}
