namespace HfPipelines.Hub;

/// <summary>A model reference that is neither <c>org/name[@revision][:path]</c> nor a local folder or file, or that tries to leave its repository (<c>..</c>, an absolute path, control characters).</summary>
public sealed class InvalidModelReferenceException : HubException
{
    /// <summary>Creates an exception with no message.</summary>
    public InvalidModelReferenceException()
    {
    }

    /// <summary>Creates an exception with a message that says what was wrong and how to fix it.</summary>
    /// <param name="message">The message.</param>
    public InvalidModelReferenceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidModelReferenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
