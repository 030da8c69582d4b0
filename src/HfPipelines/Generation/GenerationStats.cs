namespace HfPipelines.Generation;

/// <summary>Counts a backend reports for one generation. Written by one generation only.</summary>
public sealed class GenerationStats
{
    /// <summary>Tokens in the prompt.</summary>
    public int PromptTokens { get; set; }

    /// <summary>Tokens generated.</summary>
    public int GeneratedTokens { get; set; }

    /// <summary>True when generation stopped at the token limit rather than an end-of-sequence token.</summary>
    public bool ReachedMaxTokens { get; set; }
}
