namespace HfPipelines.Generation;

/// <summary>A chat request reached a model that has no chat template and none was supplied.</summary>
public sealed class MissingChatTemplateException : HfPipelinesException
{
    /// <summary>Creates an exception with no message.</summary>
    public MissingChatTemplateException()
    {
    }

    /// <summary>Creates an exception with a message that says how to fix it.</summary>
    /// <param name="message">The message.</param>
    public MissingChatTemplateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public MissingChatTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
