using System.Text.Json;

namespace HfPipelines.Generation;

/// <summary>A tool the model may call: its name, description and the JSON schema of its arguments.</summary>
/// <param name="Name">The name the model must write (the <c>AITool.Name</c>).</param>
/// <param name="Description">What the tool does.</param>
/// <param name="ParametersSchema">The JSON schema of the arguments object.</param>
public sealed record ToolDefinition(string Name, string Description, JsonElement ParametersSchema);
