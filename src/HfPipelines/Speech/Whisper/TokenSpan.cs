namespace HfPipelines.Speech.Whisper;

/// <summary>When a token is heard: start, and end (null when nothing follows it), in seconds.</summary>
/// <param name="Start">Start in seconds.</param>
/// <param name="End">End in seconds, or null.</param>
internal readonly record struct TokenSpan(double Start, double? End);
