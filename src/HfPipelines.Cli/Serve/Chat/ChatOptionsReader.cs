using HfPipelines.Pipelines;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace HfPipelines.Cli.Serve.Chat;

/// <summary>Reads the sampling fields, <c>stop</c>, <c>tools</c>, <c>tool_choice</c> and <c>response_format</c> of a chat request.</summary>
internal static class ChatOptionsReader
{
    public static ChatOptions Read(JsonElement root, RequestFields fields)
    {
        var options = new ChatOptions
        {
            ModelId = fields.String("model"),
            MaxOutputTokens = fields.Int("max_completion_tokens") ?? fields.Int("max_tokens"),
            Temperature = fields.Float("temperature"),
            TopP = fields.Float("top_p"),
            FrequencyPenalty = fields.Float("frequency_penalty"),
            PresencePenalty = fields.Float("presence_penalty"),
            Seed = fields.Int("seed"),
            StopSequences = fields.Strings("stop"),
        };
        if (root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array)
        {
            options.Tools = [.. tools.EnumerateArray().Select((tool, i) => Tool(tool, $"tools[{i}]"))];
        }

        options.ToolMode = ToolMode(root);
        options.ResponseFormat = ResponseFormat(fields.Object("response_format"));
        return options;
    }

    private static AITool Tool(JsonElement tool, string path)
    {
        var function = new RequestFields(tool, path).Object("function");
        var name = function.String("name") ?? throw ServeRequestException.BadRequest($"{path}.function.name is required.");
        var schema = function.Element.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object
            ? parameters.Clone()
            : JsonDocument.Parse("{\"type\":\"object\",\"properties\":{}}").RootElement.Clone();
        return AIFunctionFactory.CreateDeclaration(name, function.String("description"), schema);
    }

    private static ChatToolMode? ToolMode(JsonElement root)
    {
        if (!root.TryGetProperty("tool_choice", out var choice) || choice.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (choice.ValueKind == JsonValueKind.String)
        {
            return choice.GetString() switch
            {
                "none" => ChatToolMode.None,
                "auto" => ChatToolMode.Auto,
                "required" => ChatToolMode.RequireAny,
                var other => throw ServeRequestException.BadRequest($"tool_choice must be \"none\", \"auto\", \"required\" or {{\"type\": \"function\", \"function\": {{\"name\"}}}}, got '{other}'."),
            };
        }

        var name = new RequestFields(choice, "tool_choice").Object("function").String("name")
            ?? throw ServeRequestException.BadRequest("tool_choice.function.name is required when tool_choice is an object.");
        return ChatToolMode.RequireSpecific(name);
    }

    private static ChatResponseFormat? ResponseFormat(RequestFields format)
    {
        switch (format.String("type"))
        {
            case null or "text":
                return null;
            case "json_object":
                return ChatResponseFormat.Json;
            case "json_schema":
                var spec = format.Object("json_schema");
                return spec.Element.TryGetProperty("schema", out var schema)
                    ? ChatResponseFormat.ForJsonSchema(schema.Clone(), spec.String("name"))
                    : throw ServeRequestException.BadRequest("response_format.json_schema.schema is required.");
            case var other:
                throw ServeRequestException.BadRequest($"response_format.type must be text, json_object or json_schema, got '{other}'.");
        }
    }
}
