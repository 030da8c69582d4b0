using System.Text.Json.Serialization;

namespace HfPipelines.Tasks;

/// <summary>One answer span in the context.</summary>
/// <param name="Score">The span's probability.</param>
/// <param name="Start">Start offset in the context (UTF-16 chars).</param>
/// <param name="End">End offset (exclusive).</param>
/// <param name="Answer">The answer text; empty for "no answer".</param>
public sealed record QuestionAnsweringResult(
    [property: JsonPropertyName("score")] float Score,
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End,
    [property: JsonPropertyName("answer")] string Answer);
