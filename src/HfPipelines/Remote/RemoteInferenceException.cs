using System.Net;

namespace HfPipelines.Remote;

/// <summary>A remote inference call failed: the server refused it (400, 401, 403, 404, 422 ...), kept failing after retries, could not be reached, or answered something unreadable. The message never contains the token.</summary>
public  class RemoteInferenceException : HfPipelinesException
{
    /// <summary>Creates an exception with no message.</summary>
    public RemoteInferenceException()
    {
    }

    /// <summary>Creates an exception with a message that says what was wrong and how to fix it.</summary>
    /// <param name="message">The message.</param>
    public RemoteInferenceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RemoteInferenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status of the last answer, or null when none came (connection failure, timeout, open circuit).</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The error message the server sent (its <c>error</c> field or body start), or null.</summary>
    public string? ServerMessage { get; init; }

    /// <summary>The host (authority) that was called.</summary>
    public string? Host { get; init; }
}
