namespace HfPipelines.ChatTemplates;

/// <summary>
/// A few chat templates shipped with HfPipelines (<c>chatml</c>, <c>llama3</c>, <c>phi3</c>; sources and licences in
/// ChatTemplates/Known/SOURCES.md), for models that carry none, and the rule that turns a <c>--chat-template</c>
/// value (a Jinja file or one of these names) into template text. Thread-safe.
/// </summary>
public static class KnownChatTemplates
{
    private const string ResourcePrefix = "HfPipelines.ChatTemplates.Known.";

    /// <summary>The names of the shipped templates.</summary>
    public static IReadOnlyList<string> Names { get; } = ["chatml", "llama3", "phi3"];

    /// <summary>The text of a shipped template.</summary>
    /// <param name="name">One of <see cref="Names"/> (case-insensitive).</param>
    /// <param name="template">The Jinja text when found.</param>
    /// <returns>Whether <paramref name="name"/> is a shipped template.</returns>
    public static bool TryGet(string name, out string template)
    {
        ArgumentNullException.ThrowIfNull(name);
        template = string.Empty;
        var known = Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            return false;
        }

        using var stream = typeof(KnownChatTemplates).Assembly.GetManifestResourceStream(ResourcePrefix + known + ".jinja")
            ?? throw new InvalidOperationException($"The chat template resource '{known}' is missing from {typeof(KnownChatTemplates).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        template = reader.ReadToEnd();
        return true;
    }

    /// <summary>
    /// The template text for a file path or a shipped name: an existing file is read (a <c>.jinja</c> file, or a
    /// <c>tokenizer_config.json</c> / <c>chat_template.json</c> with a single <c>chat_template</c>), else the name is looked up.
    /// The text is parsed once, so a broken template fails here, not at the first message.
    /// </summary>
    /// <param name="fileOrName">A Jinja file, or one of <see cref="Names"/>.</param>
    /// <returns>The Jinja text.</returns>
    /// <exception cref="ChatTemplateException">Neither a file nor a known name, or the template does not parse.</exception>
    public static string Resolve(string fileOrName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileOrName);
        string text;
        if (File.Exists(fileOrName))
        {
            text = fileOrName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? FromJson(fileOrName)
                : File.ReadAllText(fileOrName);
        }
        else if (!TryGet(fileOrName, out text))
        {
            throw new ChatTemplateException(
                $"Chat template '{fileOrName}' is neither a file nor a known name. Pass a Jinja file, or one of: {string.Join(", ", Names)}.");
        }

        ChatTemplate.Parse(text);
        return text;
    }

    private static string FromJson(string path) =>
        ChatTemplateLoader.ReadJsonObject(path)["chat_template"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new ChatTemplateException($"'{path}' has no \"chat_template\" string. Pass a .jinja file, or one of: {string.Join(", ", Names)}.");
}
