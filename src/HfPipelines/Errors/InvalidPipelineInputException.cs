namespace HfPipelines;

/// <summary>
/// A task was given input or options it cannot use (empty text, no candidate labels, a template
/// without <c>{}</c>, an image that is not an image ...). The pipeline stays usable.
/// </summary>
public class InvalidPipelineInputException : HfPipelinesException
{
    /// <summary>Creates an exception with no message.</summary>
    public InvalidPipelineInputException()
    {
    }

    /// <summary>Creates an exception with a message that names the problem and the fix.</summary>
    /// <param name="message">The message.</param>
    public InvalidPipelineInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidPipelineInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
