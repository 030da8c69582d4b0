namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>A workflow step that failed (after its one retry when the failure looked transient).</summary>
public sealed class WorkflowStepException : HfPipelinesException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowStepException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public WorkflowStepException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message, naming the step.</param>
    /// <param name="innerException">The step's error.</param>
    public WorkflowStepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The id of the step that failed.</summary>
    public string StepId { get; init; } = string.Empty;

    /// <summary>How many times the step was tried.</summary>
    public int Attempts { get; init; }
}
