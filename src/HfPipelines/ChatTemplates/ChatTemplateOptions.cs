using System.Text.Json.Nodes;

namespace HfPipelines.ChatTemplates;

/// <summary>The variables a chat template is rendered with, besides <c>messages</c>.</summary>
public sealed class ChatTemplateOptions
{
    /// <summary>Tool definitions (<c>{"type":"function","function":{name, description, parameters}}</c>), or null.</summary>
    public JsonArray? Tools { get; set; }

    /// <summary>End the prompt with the start of an assistant turn.</summary>
    public bool AddGenerationPrompt { get; set; }

    /// <summary>The model's <c>bos_token</c>, <c>eos_token</c> and any other variables (e.g. <c>enable_thinking</c>).</summary>
    public IDictionary<string, JsonNode?> Variables { get; } = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
}
