using System.Text.Json;

namespace HfPipelines.Generation;

/// <summary>One tool call found in a model's output.</summary>
/// <param name="Name">The tool name.</param>
/// <param name="Arguments">The arguments by name, as JSON values.</param>
public sealed record ParsedToolCall(string Name, IReadOnlyDictionary<string, JsonElement> Arguments);
