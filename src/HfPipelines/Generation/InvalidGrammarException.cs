namespace HfPipelines.Generation;

/// <summary>A grammar or schema for constrained decoding was refused (syntax error, unknown rule, bad root).</summary>
public sealed class InvalidGrammarException : HfPipelinesException
{
    /// <summary>Creates an exception with no message.</summary>
    public InvalidGrammarException()
    {
    }

    /// <summary>Creates an exception with a message that says how to fix it.</summary>
    /// <param name="message">The message.</param>
    public InvalidGrammarException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidGrammarException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
