using System.Text.Json.Serialization;

namespace HfPipelines.Tasks;

/// <summary>A transcript, with timestamped chunks when asked for.</summary>
public sealed record SpeechRecognitionResult
{
    /// <summary>The whole text.</summary>
    [JsonPropertyName("text")]
    public string Text { get; init; } = string.Empty;

    /// <summary>Segments or words with their timestamps; null when timestamps were not asked for.</summary>
    [JsonPropertyName("chunks")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SpeechChunk>? Chunks { get; init; }

    /// <summary>The language, when asked for.</summary>
    [JsonPropertyName("language")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Language { get; init; }
}
