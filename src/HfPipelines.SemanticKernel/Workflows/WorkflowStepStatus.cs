namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>Where a step is.</summary>
public enum WorkflowStepStatus
{
    /// <summary>The step started (or the next item of a foreach step did).</summary>
    Started,

    /// <summary>The step failed transiently and runs once more.</summary>
    Retrying,

    /// <summary>The step finished.</summary>
    Completed,

    /// <summary>The step's <c>if:</c> was false.</summary>
    Skipped,

    /// <summary>The step failed; the workflow stops.</summary>
    Failed,
}
