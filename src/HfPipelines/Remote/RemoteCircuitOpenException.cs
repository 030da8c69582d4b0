namespace HfPipelines.Remote;

/// <summary>The host failed too often recently, so its circuit is open and calls fail fast without reaching it until the break duration passes.</summary>
public sealed class RemoteCircuitOpenException : RemoteInferenceException
{
    /// <summary>Creates an exception with no message.</summary>
    public RemoteCircuitOpenException()
    {
    }

    /// <summary>Creates an exception with a message that says what was wrong and how to fix it.</summary>
    /// <param name="message">The message.</param>
    public RemoteCircuitOpenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RemoteCircuitOpenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

}
