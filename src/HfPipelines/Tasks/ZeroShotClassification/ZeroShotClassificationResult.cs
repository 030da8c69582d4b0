using System.Text.Json.Serialization;

namespace HfPipelines.Tasks;

/// <summary>The zero-shot result: labels sorted by score, best first, as in Python.</summary>
/// <param name="Sequence">The classified text.</param>
/// <param name="Labels">The candidate labels, best first.</param>
/// <param name="Scores">Their scores, in the same order.</param>
public sealed record ZeroShotClassificationResult(
    [property: JsonPropertyName("sequence")] string Sequence,
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("scores")] IReadOnlyList<float> Scores);
