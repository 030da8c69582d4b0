namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>A <c>${{ ... }}</c> reference that names a field an output does not have, found while running.</summary>
public sealed class WorkflowReferenceException : HfPipelinesException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowReferenceException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong and how to fix it.</param>
    public WorkflowReferenceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public WorkflowReferenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
