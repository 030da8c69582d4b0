namespace HfPipelines.Hub;

/// <summary>
/// Base class of the errors of the Hugging Face Hub model store (download, cache, references). The user-info part
/// of any URL in the message (<c>http://user:pass@host</c>) is replaced by <c>***</c>, and control characters by
/// spaces, so a message is always one line.
/// </summary>
public class HubException : HfPipelinesException
{
    /// <summary>Creates an exception with no message.</summary>
    public HubException()
    {
    }

    /// <summary>Creates an exception with a message that says what was wrong and how to fix it.</summary>
    /// <param name="message">The message.</param>
    public HubException(string message)
        : base(SafeUri.ForMessage(message))
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HubException(string message, Exception innerException)
        : base(SafeUri.ForMessage(message), innerException)
    {
    }
}
