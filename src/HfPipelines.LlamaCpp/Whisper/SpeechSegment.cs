namespace HfPipelines.LlamaCpp.Whisper;

/// <summary>A stretch of speech found by voice activity detection.</summary>
/// <param name="Start">Where speech starts.</param>
/// <param name="End">Where speech ends.</param>
public sealed record SpeechSegment(TimeSpan Start, TimeSpan End);
