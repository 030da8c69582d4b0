using System.Text.Json.Nodes;
using HfPipelines.ChatTemplates.Jinja;

namespace HfPipelines.ChatTemplates;

/// <summary>
/// A Hugging Face chat template (the Jinja subset the Hub's templates use), parsed once and rendered
/// many times. Renders byte for byte like <c>@huggingface/jinja</c>, the renderer of transformers.js, with the
/// Hub's defaults (<c>trim_blocks</c> and <c>lstrip_blocks</c> on). Immutable and thread-safe.
/// </summary>
public sealed class ChatTemplate
{
    private readonly ProgramNode _program;
    private readonly ChatTemplate? _toolUse;

    private ChatTemplate(string source, ProgramNode program, string? name, ChatTemplate? toolUse)
    {
        Source = source;
        _program = program;
        Name = name;
        _toolUse = toolUse;
    }

    /// <summary>The template text.</summary>
    public string Source { get; }

    /// <summary>The template's name when it came from a list of named templates (e.g. <c>default</c>, <c>tool_use</c>), else null.</summary>
    public string? Name { get; }

    /// <summary>Parses a template.</summary>
    /// <param name="source">The Jinja source.</param>
    /// <returns>The template.</returns>
    /// <exception cref="ChatTemplateException">The source is not a valid template; the exception gives line and column.</exception>
    public static ChatTemplate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Parse(source, null, null);
    }

    /// <summary>
    /// Loads the chat template of a model folder: <c>chat_template.jinja</c>, else <c>chat_template.json</c>, else the
    /// <c>chat_template</c> of <c>tokenizer_config.json</c> (a string, or a list of <c>{name, template}</c>).
    /// </summary>
    /// <param name="folder">The model folder.</param>
    /// <param name="name">The named template to use; null picks <c>default</c>, and <c>tool_use</c> when tools are rendered and the model has one.</param>
    /// <returns>The template.</returns>
    /// <exception cref="ChatTemplateException">The folder has no chat template, the name is unknown, or the template does not parse.</exception>
    public static ChatTemplate FromModelFolder(string folder, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var templates = ChatTemplateLoader.Load(folder);
        if (name is not null)
        {
            return templates.TryGetValue(name, out var named)
                ? Parse(named, name, null)
                : throw new ChatTemplateException($"The model in '{folder}' has no chat template named '{name}'. Choose one of: {string.Join(", ", templates.Keys)}.");
        }

        if (templates.Count == 1 && templates.ContainsKey(string.Empty))
        {
            return Parse(templates[string.Empty], null, null);
        }

        var toolUse = templates.TryGetValue("tool_use", out var toolSource) ? Parse(toolSource, "tool_use", null) : null;
        if (!templates.TryGetValue("default", out var defaultSource))
        {
            return toolUse ?? throw new ChatTemplateException($"The model in '{folder}' has several chat templates and none is named 'default'. Pass one of: {string.Join(", ", templates.Keys)}.");
        }

        return Parse(defaultSource, "default", toolUse);
    }

    /// <summary>Renders a conversation.</summary>
    /// <param name="messages">The messages as the template sees them: objects with <c>role</c>, <c>content</c>
    /// (string or parts), and optionally <c>tool_calls</c>, <c>tool_call_id</c>, <c>name</c>.</param>
    /// <param name="options">Tools, <c>add_generation_prompt</c>, special tokens and other variables.</param>
    /// <returns>The prompt text.</returns>
    /// <exception cref="ChatTemplateException">The template failed, called <c>raise_exception</c>, or passed a render limit.</exception>
    public string Render(JsonArray messages, ChatTemplateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        options ??= new ChatTemplateOptions();
        var template = options.Tools is not null && _toolUse is not null ? _toolUse : this;
        return template.RenderCore(messages, options);
    }

    private static ChatTemplate Parse(string source, string? name, ChatTemplate? toolUse)
    {
        try
        {
            return new ChatTemplate(source, Parser.Parse(source), name, toolUse);
        }
        catch (Exception ex) when (ex is not (ChatTemplateException or OutOfMemoryException))
        {
            throw new ChatTemplateException($"The chat template could not be parsed: {ex.Message}", ex);
        }
    }

    private string RenderCore(JsonArray messages, ChatTemplateOptions options)
    {
        var interpreter = new Interpreter(options.MaxOutputLength, options.MaxOperations, options.TimeProvider);
        try
        {
            var globals = Globals.Create(interpreter, options.TimeProvider);
            foreach (var (key, value) in Inputs(messages, options))
            {
                if (globals.Has(key))
                {
                    throw new ChatTemplateException($"Variable already declared: {key}. The name is a template builtin; remove it from ChatTemplateOptions.Variables.");
                }

                globals.Set(key, value);
            }

            return interpreter.Run(_program, globals);
        }
        catch (Interpreter.LoopSignal signal)
        {
            throw new ChatTemplateException($"The chat template used {signal.Message}.");
        }
        catch (Exception ex) when (ex is not (ChatTemplateException or OutOfMemoryException))
        {
            throw new ChatTemplateException($"The chat template failed: {ex.Message}", ex);
        }
    }

    private static OrderedDictionary<string, JValue> Inputs(JsonArray messages, ChatTemplateOptions options)
    {
        var inputs = new OrderedDictionary<string, JValue>(StringComparer.Ordinal)
        {
            ["messages"] = Globals.FromJson(messages),
            ["add_generation_prompt"] = JBool.Of(options.AddGenerationPrompt),
            ["tools"] = Globals.FromJson(options.Tools),
            ["documents"] = JNull.Instance,
        };
        foreach (var (key, value) in options.Variables)
        {
            inputs[key] = Globals.FromJson(value);
        }

        return inputs;
    }
}
