using System.Text.Json;
using System.Text.Json.Nodes;

namespace HfPipelines.ChatTemplates;

/// <summary>Finds the chat template sources of a model folder.</summary>
internal static class ChatTemplateLoader
{
    /// <summary>
    /// The template sources by name; a single unnamed template has the key "". Order of precedence:
    /// <c>chat_template.jinja</c>, <c>chat_template.json</c>, then <c>tokenizer_config.json</c>.
    /// </summary>
    public static Dictionary<string, string> Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new ChatTemplateException($"Model folder '{folder}' does not exist. Pass a folder that holds tokenizer_config.json or chat_template.jinja.");
        }

        var jinja = Path.Combine(folder, "chat_template.jinja");
        if (File.Exists(jinja))
        {
            return new(StringComparer.Ordinal) { [string.Empty] = File.ReadAllText(jinja) };
        }

        foreach (var file in (string[])["chat_template.json", "tokenizer_config.json"])
        {
            var path = Path.Combine(folder, file);
            if (File.Exists(path) && ReadJsonObject(path)["chat_template"] is { } node)
            {
                return FromNode(node, path);
            }
        }

        throw new ChatTemplateException($"No chat template in '{folder}': expected chat_template.jinja, chat_template.json, or a \"chat_template\" entry in tokenizer_config.json. Pass a template file instead.");
    }

    public static JsonObject ReadJsonObject(string path)
    {
        if (!File.Exists(path))
        {
            throw new ChatTemplateException($"File '{path}' does not exist.");
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true }) as JsonObject
                ?? throw new ChatTemplateException($"'{path}' is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new ChatTemplateException($"'{path}' is not valid JSON: {ex.Message}", ex);
        }
    }

    private static Dictionary<string, string> FromNode(JsonNode node, string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonValue value && value.TryGetValue<string>(out var single))
        {
            result[string.Empty] = single;
            return result;
        }

        if (node is JsonArray list)
        {
            foreach (var item in list)
            {
                if (item?["name"] is JsonValue n && n.TryGetValue<string>(out var name) &&
                    item["template"] is JsonValue t && t.TryGetValue<string>(out var template))
                {
                    result[name] = template;
                }
            }

            if (result.Count > 0)
            {
                return result;
            }
        }

        throw new ChatTemplateException($"The \"chat_template\" of '{path}' must be a string or a list of {{\"name\", \"template\"}} objects.");
    }
}
