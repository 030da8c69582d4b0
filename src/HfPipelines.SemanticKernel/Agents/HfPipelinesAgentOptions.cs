namespace HfPipelines.SemanticKernel.Agents;

/// <summary>Settings of a <see cref="HfPipelinesAgent"/>.</summary>
public sealed class HfPipelinesAgentOptions
{
    /// <summary>The system prompt; null (default) uses none. Load one with <see cref="HfPipelinesAgent.LoadSystemPromptAsync"/>.</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>How many model round trips with tool calls one turn may take (default 10, 1 to 100).</summary>
    public int MaxToolRoundTrips { get; set; } = 10;

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
    public void Validate()
    {
        if (MaxToolRoundTrips is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxToolRoundTrips), MaxToolRoundTrips, "MaxToolRoundTrips must be between 1 and 100.");
        }
    }
}
