namespace HfPipelines.Speech.Whisper;

/// <summary>What one audio window gave: the generated tokens and where the window sits.</summary>
/// <param name="Tokens">The generated tokens, decoder prompt excluded (text, timestamp and end tokens).</param>
/// <param name="TokenTimes">For word timestamps: the time in seconds, within the window, of each token of
/// <paramref name="Tokens"/> (from the cross attentions); null otherwise.</param>
/// <param name="ChunkSeconds">The window's length.</param>
/// <param name="StrideLeftSeconds">Its overlap with the window before (0 for the first).</param>
/// <param name="StrideRightSeconds">Its overlap with the window after (0 for the last).</param>
/// <param name="Language">The window's language code (<c>en</c>, <c>zh</c> ...), null when unknown.</param>
internal sealed record WhisperWindowOutput(
    IReadOnlyList<int> Tokens,
    IReadOnlyList<double>? TokenTimes,
    double ChunkSeconds,
    double StrideLeftSeconds,
    double StrideRightSeconds,
    string? Language);
