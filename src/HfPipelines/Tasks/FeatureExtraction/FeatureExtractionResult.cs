using System.Text.Json.Serialization;

namespace HfPipelines.Tasks;

/// <summary>The vectors of one text: one row when pooled, one row per token when not.</summary>
/// <param name="Vectors">The vectors.</param>
public sealed record FeatureExtractionResult([property: JsonPropertyName("vectors")] IReadOnlyList<float[]> Vectors)
{
    /// <summary>The pooled sentence vector (the first row).</summary>
    [JsonIgnore]
    public float[] Vector => Vectors[0];
}
