using Microsoft.Extensions.AI;

namespace HfPipelines.SemanticKernel.Agents;

/// <summary>Settings of a <see cref="HfPipelinesAgent"/>.</summary>
public sealed class HfPipelinesAgentOptions
{
    /// <summary>The system prompt; null (default) uses none. Load one with <see cref="HfPipelinesAgent.LoadSystemPromptAsync"/>.</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>How many model round trips with tool calls one turn may take (default 10, 1 to 100).</summary>
    public int MaxToolRoundTrips { get; set; } = 10;

    /// <summary>Whether the model may answer in text (<see cref="ChatToolMode.Auto"/>, the default) or must call a tool
    /// first (<see cref="ChatToolMode.RequireAny"/>: useful with small local models; after the first tool round the
    /// function-invoking client lets the model answer).</summary>
    public ChatToolMode ToolMode { get; set; } = ChatToolMode.Auto;

    /// <summary>Most tokens per model answer; null for the model's default.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
    public void Validate()
    {
        if (MaxToolRoundTrips is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxToolRoundTrips), MaxToolRoundTrips, "MaxToolRoundTrips must be between 1 and 100.");
        }
    }
}
