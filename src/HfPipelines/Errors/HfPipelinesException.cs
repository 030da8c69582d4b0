namespace HfPipelines;

/// <summary>
/// Base class of every error HfPipelines raises on purpose. Each layer derives its own type
/// (Hub, tokenizer, model, task input, remote); the message says what was wrong and how to fix it.
/// </summary>
public class HfPipelinesException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public HfPipelinesException()
    {
    }

    /// <summary>Creates an exception with a message that says what was wrong and how to fix it.</summary>
    /// <param name="message">The message.</param>
    public HfPipelinesException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HfPipelinesException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
