namespace HfPipelines.Hub;

/// <summary>A request to the Hub failed after the retries: the endpoint was unreachable or kept answering with an error (5xx, 429).</summary>
public sealed class HubRequestException : HubException
{
    /// <summary>Creates an exception with no message.</summary>
    public HubRequestException()
    {
    }

    /// <summary>Creates an exception with a message that says what was wrong and how to fix it.</summary>
    /// <param name="message">The message.</param>
    public HubRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HubRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status code of the last answer, or null when no answer came (connection failure, timeout).</summary>
    public int? StatusCode { get; init; }

    /// <summary>The delay the Hub asked for with <c>Retry-After</c> (429, 503), if any.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// True when the host could not be reached at all (connection refused, unknown host name, no connection within
    /// <see cref="HubOptions.ConnectTimeout"/>, no answer within <see cref="HubOptions.RequestTimeout"/>). Such a
    /// failure is not retried: a resolve falls back to the cache at once, or fails saying how to go offline.
    /// </summary>
    public bool IsUnreachable { get; init; }

    /// <summary>True when retrying may help: no answer, 408, 429 or 5xx.</summary>
    public bool IsTransient => StatusCode is null or 408 or 429 or >= 500;
}
