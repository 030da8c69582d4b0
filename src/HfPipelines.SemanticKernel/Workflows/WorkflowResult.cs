using System.Text.Json.Nodes;

namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>What a workflow run produced.</summary>
/// <param name="Outputs">Each run step's output by step id (a list for foreach steps).</param>
/// <param name="Skipped">The ids of the steps whose <c>if:</c> was false.</param>
public sealed record WorkflowResult(IReadOnlyDictionary<string, JsonNode?> Outputs, IReadOnlyList<string> Skipped);
