namespace HfPipelines.Generation;

/// <summary>A model's output split into the text around tool calls and the calls.</summary>
/// <param name="Text">The text outside the calls, trimmed (empty when there was none).</param>
/// <param name="Calls">The calls, in order (empty when the output is plain text).</param>
public sealed record ToolCallParseResult(string Text, IReadOnlyList<ParsedToolCall> Calls);
