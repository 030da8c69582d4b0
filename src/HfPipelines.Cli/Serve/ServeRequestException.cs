namespace HfPipelines.Cli.Serve;

/// <summary>A request the server refuses: the HTTP status and a message that says what to fix.</summary>
internal sealed class ServeRequestException : HfPipelinesException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status to answer.</param>
    /// <param name="message">What was wrong and how to fix it.</param>
    public ServeRequestException(int statusCode, string message)
        : base(message) => StatusCode = statusCode;

    /// <summary>The HTTP status to answer.</summary>
    public int StatusCode { get; }

    /// <summary>True when the answer should list the served models (unknown model or task).</summary>
    public bool ListModels { get; init; }

    /// <summary>400: a field of the request is wrong.</summary>
    /// <param name="message">What and how to fix it.</param>
    /// <returns>The exception.</returns>
    public static ServeRequestException BadRequest(string message) => new(400, message);
}
