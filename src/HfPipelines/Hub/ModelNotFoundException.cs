namespace HfPipelines.Hub;

/// <summary>A model, revision or file could not be found: not on the Hub (HTTP 404) or, offline, not in the cache. The message names the model, the cache folder searched and the command that fetches it.</summary>
public sealed class ModelNotFoundException : HubException
{
    /// <summary>Creates an exception with no message.</summary>
    public ModelNotFoundException()
    {
    }

    /// <summary>Creates an exception with a message that says what was wrong and how to fix it.</summary>
    /// <param name="message">The message.</param>
    public ModelNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ModelNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The model reference that was asked for.</summary>
    public string? Reference { get; init; }

    /// <summary>The cache folder that was searched, when the cache was searched.</summary>
    public string? CachePath { get; init; }
}
