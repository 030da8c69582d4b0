using System.Text.Json.Nodes;

namespace HfPipelines.ChatTemplates;

/// <summary>The variables a chat template is rendered with, besides <c>messages</c>, and the render limits.</summary>
public sealed class ChatTemplateOptions
{
    /// <summary>The default of <see cref="MaxOutputLength"/>: 16 Mi characters.</summary>
    public const int DefaultMaxOutputLength = 16 * 1024 * 1024;

    /// <summary>The default of <see cref="MaxOperations"/>: 50 million evaluation steps.</summary>
    public const long DefaultMaxOperations = 50_000_000;

    private int _maxOutputLength = DefaultMaxOutputLength;
    private long _maxOperations = DefaultMaxOperations;
    private TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>Tool definitions (<c>{"type":"function","function":{name, description, parameters}}</c>), or null (the template sees <c>tools</c> as none).</summary>
    public JsonArray? Tools { get; set; }

    /// <summary>End the prompt with the start of an assistant turn. Default false.</summary>
    public bool AddGenerationPrompt { get; set; }

    /// <summary>The model's <c>bos_token</c>, <c>eos_token</c> and any other variables (e.g. <c>enable_thinking</c>). They override <c>tools</c> and <c>documents</c> of the same name.</summary>
    public IDictionary<string, JsonNode?> Variables { get; } = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);

    /// <summary>The clock <c>strftime_now</c> reads (local time). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        set => _timeProvider = value ?? throw new ArgumentNullException(nameof(value), "TimeProvider cannot be null; use TimeProvider.System.");
    }

    /// <summary>The most characters a render may produce (and any string it builds); more ends in a <see cref="ChatTemplateException"/>. Default <see cref="DefaultMaxOutputLength"/>; at least 1.</summary>
    public int MaxOutputLength
    {
        get => _maxOutputLength;
        set => _maxOutputLength = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxOutputLength must be at least 1.");
    }

    /// <summary>The most evaluation steps a render may take; more ends in a <see cref="ChatTemplateException"/> instead of a hang. Default <see cref="DefaultMaxOperations"/>; at least 1000.</summary>
    public long MaxOperations
    {
        get => _maxOperations;
        set => _maxOperations = value >= 1000 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxOperations must be at least 1000.");
    }

    /// <summary>
    /// Options carrying the special tokens of a <c>tokenizer_config.json</c> (<c>bos_token</c>, <c>eos_token</c>,
    /// <c>unk_token</c>, <c>sep_token</c>, <c>pad_token</c>, <c>cls_token</c>, <c>mask_token</c>; a string or an
    /// added-token object with <c>content</c>), as transformers.js passes them to the template.
    /// </summary>
    /// <param name="tokenizerConfigPath">The path of <c>tokenizer_config.json</c>.</param>
    /// <returns>New options.</returns>
    /// <exception cref="ChatTemplateException">The file is missing or is not a JSON object.</exception>
    public static ChatTemplateOptions FromTokenizerConfig(string tokenizerConfigPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenizerConfigPath);
        return FromTokenizerConfig(ChatTemplateLoader.ReadJsonObject(tokenizerConfigPath));
    }

    /// <summary>Options carrying the special tokens of a parsed <c>tokenizer_config.json</c>.</summary>
    /// <param name="tokenizerConfig">The parsed configuration.</param>
    /// <returns>New options.</returns>
    public static ChatTemplateOptions FromTokenizerConfig(JsonObject tokenizerConfig)
    {
        ArgumentNullException.ThrowIfNull(tokenizerConfig);
        var options = new ChatTemplateOptions();
        foreach (var key in (string[])["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"])
        {
            var token = tokenizerConfig[key] switch
            {
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                JsonObject o when o["content"] is JsonValue c && c.TryGetValue<string>(out var s) => s,
                _ => null,
            };
            if (!string.IsNullOrEmpty(token))
            {
                options.Variables[key] = token;
            }
        }

        return options;
    }
}
