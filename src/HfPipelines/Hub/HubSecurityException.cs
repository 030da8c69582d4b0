namespace HfPipelines.Hub;

/// <summary>Something tried to make the store read or write outside its cache: a file name or redirect that leaves the repository, or a cache symlink that points outside the cache.</summary>
public sealed class HubSecurityException : HubException
{
    /// <summary>Creates an exception with no message.</summary>
    public HubSecurityException()
    {
    }

    /// <summary>Creates an exception with a message that says what was wrong and how to fix it.</summary>
    /// <param name="message">The message.</param>
    public HubSecurityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HubSecurityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
