using System.Text.Json.Serialization;

namespace HfPipelines.Tasks;

/// <summary>A translation.</summary>
/// <param name="TranslationText">The translated text.</param>
public sealed record TranslationResult([property: JsonPropertyName("translation_text")] string TranslationText);
