namespace HfPipelines.SemanticKernel.Agents;

/// <summary>One thing that happened during an agent turn, reported as it happens.</summary>
/// <param name="Kind">What happened.</param>
public sealed record AgentEvent(AgentEventKind Kind)
{
    /// <summary>The streamed text (<see cref="AgentEventKind.Text"/>) or the final answer (<see cref="AgentEventKind.Completed"/>).</summary>
    public string? Text { get; init; }

    /// <summary>The tool name, e.g. <c>Speech_transcribe</c> (tool calls and results).</summary>
    public string? ToolName { get; init; }

    /// <summary>The id tying a tool result to its call.</summary>
    public string? CallId { get; init; }

    /// <summary>The arguments the model gave the tool.</summary>
    public IReadOnlyDictionary<string, object?>? Arguments { get; init; }

    /// <summary>The tool's result as compact JSON.</summary>
    public string? Result { get; init; }

    /// <summary>The tool's error message, when it failed.</summary>
    public string? Error { get; init; }
}
