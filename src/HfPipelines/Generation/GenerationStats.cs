namespace HfPipelines.Generation;

/// <summary>Counts a backend reports for one generation. Written by one generation only.</summary>
public sealed class GenerationStats
{
    /// <summary>Tokens in the prompt.</summary>
    public int PromptTokens { get; set; }

    /// <summary>Prompt tokens the backend did not compute again because its context already held them from an
    /// earlier call (the longest common prefix with what it decoded before). 0 without prompt caching.</summary>
    public int PromptTokensReused { get; set; }

    /// <summary>Prompt tokens the backend computed in this call: <see cref="PromptTokens"/> less <see cref="PromptTokensReused"/>.</summary>
    public int PromptTokensDecoded => PromptTokens - PromptTokensReused;

    /// <summary>Tokens generated.</summary>
    public int GeneratedTokens { get; set; }

    /// <summary>True when generation stopped at the token limit rather than an end-of-sequence token.</summary>
    public bool ReachedMaxTokens { get; set; }
}
