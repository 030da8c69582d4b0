namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>A workflow file that cannot be read: bad YAML, too large, too deep, aliases, or a wrong shape.</summary>
public sealed class WorkflowFormatException : HfPipelinesException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowFormatException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong and how to fix it.</param>
    public WorkflowFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong and how to fix it.</param>
    /// <param name="innerException">The YAML parser's error.</param>
    public WorkflowFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The 1-based line of the problem, or 0 when unknown.</summary>
    public int Line { get; init; }
}
