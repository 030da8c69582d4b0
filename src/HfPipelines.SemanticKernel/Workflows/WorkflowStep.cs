namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>One step of a workflow; its output is referenced by later steps as <c>${{ steps.ID.output... }}</c>.</summary>
public sealed record WorkflowStep
{
    /// <summary>The step id (letters, digits, '_' and '-').</summary>
    public required string Id { get; init; }

    /// <summary>What the step runs.</summary>
    public required WorkflowStepKind Kind { get; init; }

    /// <summary>The task name, prompt file path or agent instruction, per <see cref="Kind"/>.</summary>
    public required string Target { get; init; }

    /// <summary>
    /// The model of a task step (<c>model:</c>), in the same syntax as <c>--model</c> (a Hub id, <c>org/name@revision</c>,
    /// <c>org/name:file.gguf</c>, or a local path; a relative path is read from the workflow file's folder); null for the
    /// task's configured default.
    /// </summary>
    public string? Model { get; init; }

    /// <summary>The arguments (<c>with:</c>): Python parameter names (<c>candidate_labels</c>, <c>top_k</c>), the
    /// task's input names (<c>text</c>, <c>image</c>, <c>audio</c> ...), or their camelCase spellings.</summary>
    public IReadOnlyList<WorkflowArgument> With { get; init; } = [];

    /// <summary>The condition (<c>if:</c>), or null to always run.</summary>
    public string? If { get; init; }

    /// <summary>The list to run the step once per item of (<c>foreach:</c>), or null; the item is <c>${{ item }}</c>.</summary>
    public string? Foreach { get; init; }

    /// <summary>The file to write the output to as JSON, or null.</summary>
    public string? OutputFile { get; init; }

    /// <summary>Whether to print the output as JSON.</summary>
    public bool OutputConsole { get; init; }

    /// <summary>The 1-based line of the step.</summary>
    public int Line { get; init; }
}
