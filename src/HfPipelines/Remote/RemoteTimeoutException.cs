namespace HfPipelines.Remote;

/// <summary>A remote call ran past its per-attempt or total timeout (see RemoteResilienceOptions). The caller's own cancellation throws OperationCanceledException instead.</summary>
public sealed class RemoteTimeoutException : RemoteInferenceException
{
    /// <summary>Creates an exception with no message.</summary>
    public RemoteTimeoutException()
    {
    }

    /// <summary>Creates an exception with a message that says what was wrong and how to fix it.</summary>
    /// <param name="message">The message.</param>
    public RemoteTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RemoteTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The timeout that ran out.</summary>
    public TimeSpan Timeout { get; init; }
}
