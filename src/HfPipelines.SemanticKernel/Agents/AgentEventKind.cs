namespace HfPipelines.SemanticKernel.Agents;

/// <summary>What an <see cref="AgentEvent"/> reports.</summary>
public enum AgentEventKind
{
    /// <summary>A piece of the assistant's text, as it streams.</summary>
    Text,

    /// <summary>The model asked for a tool; <see cref="AgentEvent.ToolName"/> and <see cref="AgentEvent.Arguments"/> say which and with what.</summary>
    ToolCall,

    /// <summary>A tool returned; <see cref="AgentEvent.Result"/> holds its JSON (or <see cref="AgentEvent.Error"/> its error).</summary>
    ToolResult,

    /// <summary>The turn ended; <see cref="AgentEvent.Text"/> holds the final answer.</summary>
    Completed,
}
