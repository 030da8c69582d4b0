namespace HfPipelines;

/// <summary>
/// A loaded model failed while it ran: the runtime refused the inputs it was given (a shape or type the graph does
/// not take) or failed inside the graph. The model loaded fine; the message names the model file and what to check.
/// The pipeline stays usable.
/// </summary>
public class InferenceException : HfPipelinesException
{
    /// <summary>Creates an exception with no message.</summary>
    public InferenceException()
    {
    }

    /// <summary>Creates an exception with a message that names the model and what to check.</summary>
    /// <param name="message">The message.</param>
    public InferenceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the runtime's error.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InferenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
