using System.Text.Json.Serialization;

namespace HfPipelines.Tasks;

/// <summary>One prediction for a mask.</summary>
/// <param name="Score">The probability.</param>
/// <param name="Token">The token id.</param>
/// <param name="TokenStr">The token as text.</param>
/// <param name="Sequence">The input with the mask replaced by the token.</param>
public sealed record FillMaskPrediction(
    [property: JsonPropertyName("score")] float Score,
    [property: JsonPropertyName("token")] int Token,
    [property: JsonPropertyName("token_str")] string TokenStr,
    [property: JsonPropertyName("sequence")] string Sequence);
