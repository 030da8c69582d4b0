using System.Text.Json.Serialization;

namespace HfPipelines.Tasks;

/// <summary>A label and its score, as the text- and image-classification pipelines return them.</summary>
/// <param name="Label">The label (from the model's <c>id2label</c>).</param>
/// <param name="Score">The score after <c>function_to_apply</c>.</param>
public sealed record ClassificationLabel(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("score")] float Score);
