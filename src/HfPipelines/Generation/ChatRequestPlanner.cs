using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.ChatTemplates;
using Microsoft.Extensions.AI;

namespace HfPipelines.Generation;

/// <summary>Turns chat messages and options into the prompt, sampling and constraint of one generation.</summary>
internal static class ChatRequestPlanner
{
    public static SamplingSettings Sampling(ChatOptions? options, int defaultMaxTokens)
    {
        var props = options?.AdditionalProperties;
        var temperature = options?.Temperature ?? 1f;
        var doSample = TryGet(props, GenerationPropertyNames.DoSample, out var ds) ? System.Convert.ToBoolean(ds, CultureInfo.InvariantCulture) : options?.Temperature > 0;
        var penalty = TryGet(props, GenerationPropertyNames.RepetitionPenalty, out var rp) ? System.Convert.ToSingle(rp, CultureInfo.InvariantCulture) : 1f;
        var maxTokens = options?.MaxOutputTokens ?? defaultMaxTokens;
        if (maxTokens < 1)
        {
            throw new InvalidPipelineInputException($"MaxOutputTokens must be at least 1 (got {maxTokens}).");
        }

        if (doSample && temperature <= 0)
        {
            throw new InvalidPipelineInputException($"Temperature must be above 0 when sampling (got {temperature}); set do_sample false for greedy decoding.");
        }

        var seed = options?.Seed is long s ? unchecked((int)s) : (int?)null;
        return new SamplingSettings(maxTokens, doSample, temperature, options?.TopP ?? 1f, options?.TopK ?? 0, penalty, seed);
    }

    public static bool IsRawPrompt(ChatOptions? options) =>
        TryGet(options?.AdditionalProperties, GenerationPropertyNames.RawPrompt, out var raw) && System.Convert.ToBoolean(raw, CultureInfo.InvariantCulture);

    public static string RawPrompt(IEnumerable<ChatMessage> messages) =>
        messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text
        ?? throw new InvalidPipelineInputException("A plain prompt needs one user message with the prompt text.");

    /// <summary>Tools offered in the prompt (none for <c>ChatToolMode.None</c>), narrowed to the required one if named.</summary>
    public static IReadOnlyList<ToolDefinition> OfferedTools(ChatOptions? options)
    {
        if (options?.ToolMode is NoneChatToolMode)
        {
            return [];
        }

        var tools = ChatMessageConverter.ToToolDefinitions(options?.Tools);
        if (options?.ToolMode is RequiredChatToolMode { RequiredFunctionName: { } name })
        {
            tools = tools.Where(t => t.Name == name).ToList();
            if (tools.Count == 0)
            {
                throw new InvalidPipelineInputException($"ToolMode requires function '{name}', which is not among ChatOptions.Tools.");
            }
        }

        return tools;
    }

    public static GenerationConstraint? Constraint(ChatOptions? options, IReadOnlyList<ToolDefinition> tools, ToolCallFormat format, bool textOrCallSupported)
    {
        if (tools.Count > 0)
        {
            var required = options?.ToolMode is RequiredChatToolMode;
            return required ? GenerationConstraint.ForTools(tools, format, allowText: false)
                : textOrCallSupported ? GenerationConstraint.ForTools(tools, format, allowText: true)
                : null;
        }

        return options?.ResponseFormat is ChatResponseFormatJson json ? GenerationConstraint.ForJson(json.Schema) : null;
    }

    public static string Render(ChatTemplate template, IEnumerable<ChatMessage> messages, IReadOnlyList<ToolDefinition> tools, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        var templateOptions = new ChatTemplateOptions
        {
            AddGenerationPrompt = true,
            Tools = tools.Count > 0 ? ChatMessageConverter.ToTemplateTools(tools) : null,
        };
        foreach (var (key, value) in variables)
        {
            templateOptions.Variables[key] = value?.DeepClone();
        }

        return template.Render(ChatMessageConverter.ToTemplateMessages(messages), templateOptions);
    }

    public static List<AIContent> Contents(string output, bool parseCalls)
    {
        var contents = new List<AIContent>();
        if (!parseCalls)
        {
            contents.Add(new TextContent(output));
            return contents;
        }

        var parsed = ToolCallParser.Parse(output);
        if (parsed.Text.Length > 0 || parsed.Calls.Count == 0)
        {
            contents.Add(new TextContent(parsed.Calls.Count == 0 ? output : parsed.Text));
        }

        foreach (var call in parsed.Calls)
        {
            var arguments = call.Arguments.ToDictionary(a => a.Key, a => (object?)a.Value, StringComparer.Ordinal);
            contents.Add(new FunctionCallContent("call_" + Guid.NewGuid().ToString("N"), call.Name, arguments));
        }

        return contents;
    }

    private static bool TryGet(AdditionalPropertiesDictionary? props, string key, out object? value)
    {
        value = null;
        if (props is null || !props.TryGetValue(key, out value) || value is null)
        {
            return false;
        }

        if (value is JsonElement element)
        {
            value = element.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number => element.GetDouble(),
                _ => element.ToString(),
            };
        }

        return true;
    }
}
