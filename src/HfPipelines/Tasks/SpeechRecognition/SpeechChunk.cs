using System.Text.Json.Serialization;

namespace HfPipelines.Tasks;

/// <summary>A timestamped piece of a transcript (a segment or a word). <see cref="Timestamp"/> is <c>[start, end]</c> in
/// seconds, as in Python; either may be null where the model gave no timestamp (text after the last closing
/// timestamp).</summary>
/// <param name="Text">The text.</param>
/// <param name="Timestamp">Start and end in seconds.</param>
public sealed record SpeechChunk(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("timestamp")] IReadOnlyList<double?> Timestamp);
