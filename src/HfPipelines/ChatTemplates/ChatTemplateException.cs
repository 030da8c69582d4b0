namespace HfPipelines.ChatTemplates;

/// <summary>
/// A chat template could not be parsed or rendered: a syntax error (with <see cref="Line"/> and
/// <see cref="Column"/>), a runtime error of the template, a <c>raise_exception(...)</c> call of the template
/// (<see cref="TemplateMessage"/>), or a template that went past the render limits of <see cref="ChatTemplateOptions"/>.
/// </summary>
public sealed class ChatTemplateException : HfPipelinesException
{
    /// <summary>Creates an exception with no message.</summary>
    public ChatTemplateException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What was wrong and how to fix it.</param>
    public ChatTemplateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps its cause.</summary>
    /// <param name="message">What was wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public ChatTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private ChatTemplateException(string message, int? line, int? column, string? templateMessage)
        : base(message)
    {
        Line = line;
        Column = column;
        TemplateMessage = templateMessage;
    }

    /// <summary>The 1-based line of a syntax error in the template source, or null.</summary>
    public int? Line { get; }

    /// <summary>The 1-based column of a syntax error in the template source, or null.</summary>
    public int? Column { get; }

    /// <summary>The message the template passed to <c>raise_exception</c>, or null when the template did not raise.</summary>
    public string? TemplateMessage { get; }

    /// <summary>A syntax error at a position of the template source.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="line">1-based line.</param>
    /// <param name="column">1-based column.</param>
    /// <returns>The exception.</returns>
    public static ChatTemplateException Syntax(string message, int line, int column) =>
        new($"Chat template syntax error at line {line}, column {column}: {message}. Fix the template source.", line, column, null);

    /// <summary>The template called <c>raise_exception(message)</c>.</summary>
    /// <param name="templateMessage">The template's message.</param>
    /// <returns>The exception.</returns>
    public static ChatTemplateException Raised(string templateMessage) =>
        new($"The chat template rejected the conversation: {templateMessage}", null, null, templateMessage);
}
