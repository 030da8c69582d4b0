using System.Text.Json.Serialization;

namespace HfPipelines.Tasks;

/// <summary>A timestamped piece of a transcript. <see cref="Timestamp"/> is <c>[start, end]</c> in seconds, as in
/// Python; the end may be null for the last piece of a truncated window.</summary>
/// <param name="Text">The text.</param>
/// <param name="Timestamp">Start and end in seconds.</param>
public sealed record SpeechChunk(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("timestamp")] IReadOnlyList<double?> Timestamp);
