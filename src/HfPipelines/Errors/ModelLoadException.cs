namespace HfPipelines;

/// <summary>
/// A model folder or file cannot be used: a file is missing, malformed, of an unsupported kind, or
/// was refused by the runtime. The message names the file and what to do.
/// </summary>
public class ModelLoadException : HfPipelinesException
{
    /// <summary>Creates an exception with no message.</summary>
    public ModelLoadException()
    {
    }

    /// <summary>Creates an exception with a message that names the file and the fix.</summary>
    /// <param name="message">The message.</param>
    public ModelLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
