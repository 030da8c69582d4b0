namespace HfPipelines.Pipelines;

/// <summary>Where a task appears as a Semantic Kernel function and MCP / agent tool: plugin and function name.</summary>
/// <param name="Plugin">The plugin name, e.g. <c>Classification</c>.</param>
/// <param name="Function">The function name, e.g. <c>classify_zero_shot</c>; the tool name is both joined by '_'.</param>
/// <param name="Description">What the function does, for the model that chooses tools.</param>
public sealed record TaskTool(string Plugin, string Function, string Description);
