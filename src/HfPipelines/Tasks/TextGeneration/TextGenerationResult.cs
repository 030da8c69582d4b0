using System.Text.Json.Serialization;

namespace HfPipelines.Tasks;

/// <summary>Generated text.</summary>
/// <param name="GeneratedText">The text (with the prompt when <c>return_full_text</c>).</param>
public sealed record TextGenerationResult([property: JsonPropertyName("generated_text")] string GeneratedText);
