namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>A step's progress, reported while a workflow runs.</summary>
/// <param name="StepId">The step.</param>
/// <param name="Status">What happened.</param>
/// <param name="StepNumber">The 1-based step number.</param>
/// <param name="StepCount">How many steps the workflow has.</param>
public sealed record WorkflowProgress(string StepId, WorkflowStepStatus Status, int StepNumber, int StepCount)
{
    /// <summary>The 1-based item of a foreach step, or 0.</summary>
    public int Item { get; init; }

    /// <summary>How many items a foreach step has, or 0.</summary>
    public int ItemCount { get; init; }

    /// <summary>A detail: the error of a retry or failure, the output file written.</summary>
    public string? Message { get; init; }
}
