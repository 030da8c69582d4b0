using HfPipelines.Pipelines;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace HfPipelines.Cli.Serve.Chat;

/// <summary>Reads an OpenAI-compatible chat request; a wrong field is a 400 that names it.</summary>
internal static class ChatRequestParser
{
    public static ChatCompletionRequest Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw RequestFields.Wrong("body", "an object {\"model\", \"messages\": [...]}", root);
        }

        var fields = new RequestFields(root, string.Empty);
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            throw ServeRequestException.BadRequest("messages must be a non-empty list of {\"role\", \"content\"} objects.");
        }

        var list = messages.EnumerateArray().Select(Message).ToList();
        var options = ChatOptionsReader.Read(root, fields);
        var stream = fields.Bool("stream") ?? false;
        var includeUsage = fields.Object("stream_options").Bool("include_usage") ?? false;
        return new ChatCompletionRequest(fields.String("model"), list, options, stream, includeUsage);
    }

    private static ChatMessage Message(JsonElement item, int index)
    {
        var path = $"messages[{index}]";
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw RequestFields.Wrong(path, "an object {\"role\", \"content\"}", item);
        }

        var fields = new RequestFields(item, path);
        var role = fields.String("role") ?? throw ServeRequestException.BadRequest($"{path}.role is required (system, user, assistant or tool).");
        var contents = new List<AIContent>();
        if (role == "tool")
        {
            var callId = fields.String("tool_call_id") ?? throw ServeRequestException.BadRequest($"{path}.tool_call_id is required on a tool message.");
            contents.Add(new FunctionResultContent(callId, ContentText(item, path)));
            return new ChatMessage(ChatRole.Tool, contents);
        }

        AddContent(item, path, contents);
        if (item.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            contents.AddRange(calls.EnumerateArray().Select((call, i) => ToolCall(call, $"{path}.tool_calls[{i}]")));
        }

        return new ChatMessage(new ChatRole(role), contents);
    }

    private static void AddContent(JsonElement item, string path, List<AIContent> contents)
    {
        if (!item.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            contents.Add(new TextContent(content.GetString()));
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw RequestFields.Wrong($"{path}.content", "a string or a list of parts", content);
        }

        var i = 0;
        foreach (var part in content.EnumerateArray())
        {
            contents.Add(Part(part, $"{path}.content[{i++}]"));
        }
    }

    private static AIContent Part(JsonElement part, string path)
    {
        var fields = new RequestFields(part, path);
        switch (fields.String("type"))
        {
            case "text":
                return new TextContent(fields.String("text") ?? string.Empty);
            case "image_url":
                var url = fields.Object("image_url").String("url") ?? throw ServeRequestException.BadRequest($"{path}.image_url.url is required.");
                return url.StartsWith("data:", StringComparison.Ordinal) ? new DataContent(url) : new UriContent(new Uri(url), "image/*");
            default:
                throw ServeRequestException.BadRequest($"{path}.type must be \"text\" or \"image_url\".");
        }
    }

    private static FunctionCallContent ToolCall(JsonElement call, string path)
    {
        var fields = new RequestFields(call, path);
        var function = fields.Object("function");
        var name = function.String("name") ?? throw ServeRequestException.BadRequest($"{path}.function.name is required.");
        var arguments = function.String("arguments");
        Dictionary<string, object?>? parsed;
        try
        {
            parsed = string.IsNullOrWhiteSpace(arguments) ? [] : JsonSerializer.Deserialize<Dictionary<string, object?>>(arguments, AIJsonUtilities.DefaultOptions);
        }
        catch (JsonException)
        {
            throw ServeRequestException.BadRequest($"{path}.function.arguments must be a JSON object encoded as a string.");
        }

        return new FunctionCallContent(fields.String("id") ?? string.Empty, name, parsed);
    }

    private static string ContentText(JsonElement item, string path)
    {
        var contents = new List<AIContent>();
        AddContent(item, path, contents);
        return string.Concat(contents.OfType<TextContent>().Select(t => t.Text));
    }
}
