namespace HfPipelines.Hub;

/// <summary>
/// A downloaded file whose size the Hub did not announce grew past <see cref="HubOptions.MaxUnknownFileSize"/>; the
/// download was stopped and its partial file removed.
/// </summary>
public sealed class HubFileTooLargeException : HubException
{
    /// <summary>Creates an exception with no message.</summary>
    public HubFileTooLargeException()
    {
    }

    /// <summary>Creates an exception with a message that says what was wrong and how to fix it.</summary>
    /// <param name="message">The message.</param>
    public HubFileTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HubFileTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The file's path inside the repository.</summary>
    public string? FilePath { get; init; }

    /// <summary>The limit it passed, in bytes.</summary>
    public long Limit { get; init; }
}
