using System.Text.Json.Serialization;

namespace HfPipelines.Tasks;

/// <summary>
/// One entity (or one token when aggregation is none), with character offsets into the input.
/// Exactly one of <see cref="Entity"/> (no aggregation) and <see cref="EntityGroup"/> is set, as in Python.
/// </summary>
public sealed record TokenEntity
{
    /// <summary>The token's label (aggregation none), e.g. <c>B-PER</c>.</summary>
    [JsonPropertyName("entity")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Entity { get; init; }

    /// <summary>The entity type without B-/I- prefix (with aggregation), e.g. <c>PER</c>.</summary>
    [JsonPropertyName("entity_group")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EntityGroup { get; init; }

    /// <summary>The score.</summary>
    [JsonPropertyName("score")]
    public float Score { get; init; }

    /// <summary>The token index in the model input (aggregation none only).</summary>
    [JsonPropertyName("index")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Index { get; init; }

    /// <summary>The text of the entity, as the tokenizer decodes it.</summary>
    [JsonPropertyName("word")]
    public string Word { get; init; } = string.Empty;

    /// <summary>Start offset (UTF-16 chars) in the input.</summary>
    [JsonPropertyName("start")]
    public int? Start { get; init; }

    /// <summary>End offset (exclusive) in the input.</summary>
    [JsonPropertyName("end")]
    public int? End { get; init; }
}
