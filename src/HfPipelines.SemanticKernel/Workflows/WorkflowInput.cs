namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>A named input of a workflow, referenced as <c>${{ inputs.NAME }}</c>.</summary>
/// <param name="Name">The name.</param>
/// <param name="Type">How the value is read.</param>
/// <param name="Default">The value when none is given; null makes the input required.</param>
/// <param name="Description">What to pass.</param>
/// <param name="Line">The 1-based line of its declaration.</param>
public sealed record WorkflowInput(string Name, WorkflowInputType Type, string? Default, string? Description, int Line);
