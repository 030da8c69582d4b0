using System.Text.Json.Serialization;

namespace HfPipelines.Tasks;

/// <summary>A summary.</summary>
/// <param name="SummaryText">The summary.</param>
public sealed record SummarizationResult([property: JsonPropertyName("summary_text")] string SummaryText);
