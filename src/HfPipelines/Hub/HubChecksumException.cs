namespace HfPipelines.Hub;

/// <summary>A downloaded file did not match the size or SHA-256 the Hub announced; it was not moved into the cache.</summary>
public sealed class HubChecksumException : HubException
{
    /// <summary>Creates an exception with no message.</summary>
    public HubChecksumException()
    {
    }

    /// <summary>Creates an exception with a message that says what was wrong and how to fix it.</summary>
    /// <param name="message">The message.</param>
    public HubChecksumException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HubChecksumException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The file inside the repository.</summary>
    public string? FilePath { get; init; }
}
