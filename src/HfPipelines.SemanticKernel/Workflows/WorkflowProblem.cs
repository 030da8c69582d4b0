namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>One problem found while validating a workflow.</summary>
/// <param name="Line">The 1-based line, or 0 when it concerns the call (e.g. an input given on the command line).</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record WorkflowProblem(int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"line {Line}: {Message}" : Message;
}
