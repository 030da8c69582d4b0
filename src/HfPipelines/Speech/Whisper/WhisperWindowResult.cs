namespace HfPipelines.Speech.Whisper;

/// <summary>What <c>WhisperModel.TranscribeWindow</c> generated for one window.</summary>
/// <param name="Tokens">The generated tokens, decoder prompt excluded (text, timestamp and end tokens).</param>
/// <param name="TokenTimes">When token times were asked for: the time in seconds, within the window, at which each
/// token of <paramref name="Tokens"/> is heard (from the cross attentions); otherwise null.</param>
/// <param name="Language">The language code used (given or detected), null for English-only models.</param>
public sealed record WhisperWindowResult(IReadOnlyList<int> Tokens, IReadOnlyList<double>? TokenTimes, string? Language);
