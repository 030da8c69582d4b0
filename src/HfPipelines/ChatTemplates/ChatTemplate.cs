using System.Text.Json.Nodes;

namespace HfPipelines.ChatTemplates;

/// <summary>
/// A Hugging Face chat template (the Jinja subset the Hub's templates use), parsed once and rendered
/// many times. Immutable and thread-safe.
/// </summary>
public sealed class ChatTemplate
{
    private ChatTemplate(string source)
    {
        Source = source;
    }

    /// <summary>The template text.</summary>
    public string Source { get; }

    /// <summary>Parses a template.</summary>
    /// <param name="source">The Jinja source.</param>
    /// <returns>The template.</returns>
    public static ChatTemplate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        throw new NotImplementedException("The chat-template renderer lands with the chat-template work.");
    }

    /// <summary>Renders a conversation.</summary>
    /// <param name="messages">The messages as the template sees them: objects with <c>role</c>, <c>content</c>
    /// (string or parts), and optionally <c>tool_calls</c>, <c>tool_call_id</c>, <c>name</c>.</param>
    /// <param name="options">Tools, <c>add_generation_prompt</c>, special tokens and other variables.</param>
    /// <returns>The prompt text.</returns>
    public string Render(JsonArray messages, ChatTemplateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        throw new NotImplementedException(Source);
    }
}
