namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>One <c>with:</c> argument of a step: a text or a list of texts, each of which may hold <c>${{ ... }}</c> references.</summary>
/// <param name="Name">The argument name (a parameter of the task's function, e.g. <c>text</c>, <c>labels</c>).</param>
/// <param name="Text">The text, when the argument is a single value.</param>
/// <param name="Items">The items, when the argument is a list.</param>
/// <param name="Line">The 1-based line.</param>
public sealed record WorkflowArgument(string Name, string? Text, IReadOnlyList<string>? Items, int Line);
