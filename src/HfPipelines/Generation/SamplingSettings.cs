namespace HfPipelines.Generation;

/// <summary>How the next token is chosen, resolved from chat or pipeline options. Immutable.</summary>
/// <param name="MaxNewTokens">Most new tokens (at least 1).</param>
/// <param name="DoSample">Sample (true) or take the most likely token (false).</param>
/// <param name="Temperature">Sampling temperature (used when sampling).</param>
/// <param name="TopP">Nucleus mass; 1 turns it off.</param>
/// <param name="TopK">Top-k; 0 turns it off.</param>
/// <param name="RepetitionPenalty">Repetition penalty; 1 turns it off.</param>
/// <param name="Seed">Random seed, or null for a random one.</param>
public sealed record SamplingSettings(int MaxNewTokens, bool DoSample, float Temperature, float TopP, int TopK, float RepetitionPenalty, int? Seed)
{
    /// <summary>Greedy decoding of at most 256 tokens.</summary>
    public static SamplingSettings Greedy { get; } = new(256, false, 1f, 1f, 0, 1f, null);
}
