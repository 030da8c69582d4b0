namespace HfPipelines.Hub;

/// <summary>The Hub refused the request (HTTP 401 or 403): the repository is private or gated, or the token is missing or wrong. The token itself never appears in the message.</summary>
public sealed class HubAuthenticationException : HubException
{
    /// <summary>Creates an exception with no message.</summary>
    public HubAuthenticationException()
    {
    }

    /// <summary>Creates an exception with a message that says what was wrong and how to fix it.</summary>
    /// <param name="message">The message.</param>
    public HubAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HubAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status code the Hub answered with.</summary>
    public int StatusCode { get; init; }
}
