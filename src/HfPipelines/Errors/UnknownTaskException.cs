namespace HfPipelines;

/// <summary>A task name that is neither a Hugging Face task name nor one of its aliases.</summary>
public sealed class UnknownTaskException : HfPipelinesException
{
    /// <summary>Creates an exception with no message.</summary>
    public UnknownTaskException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public UnknownTaskException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UnknownTaskException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The name that was asked for.</summary>
    public string? TaskName { get; init; }
}
