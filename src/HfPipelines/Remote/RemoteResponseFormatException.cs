namespace HfPipelines.Remote;

/// <summary>The server answered with malformed JSON or a shape this task does not expect; the message names the task and what was wrong.</summary>
public sealed class RemoteResponseFormatException : RemoteInferenceException
{
    /// <summary>Creates an exception with no message.</summary>
    public RemoteResponseFormatException()
    {
    }

    /// <summary>Creates an exception with a message that says what was wrong and how to fix it.</summary>
    /// <param name="message">The message.</param>
    public RemoteResponseFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RemoteResponseFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

}
