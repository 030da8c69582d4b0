using System.Text.Json.Serialization;
using HfPipelines.Seq2Seq;

namespace HfPipelines.Tasks;

/// <summary>Options of summarization. Null values take the model's generation config.</summary>
public sealed class SummarizationOptions : ISeq2SeqGenerationOptions
{
    /// <summary>Shortest summary, in tokens.</summary>
    [JsonPropertyName("min_length")]
    public int? MinLength { get; set; }

    /// <summary>Longest summary, in tokens (including the decoder start token, as in transformers).</summary>
    [JsonPropertyName("max_length")]
    public int? MaxLength { get; set; }

    /// <summary>Most new tokens; overrides <see cref="MaxLength"/>.</summary>
    [JsonPropertyName("max_new_tokens")]
    public int? MaxNewTokens { get; set; }

    /// <summary>Beam width; 1 is greedy.</summary>
    [JsonPropertyName("num_beams")]
    public int? NumBeams { get; set; }

    /// <summary>Summarize long documents chunk by chunk, then summarize the summaries, instead of truncating.</summary>
    public bool SummarizeLongDocumentsByChunks { get; set; }

    /// <inheritdoc />
    [JsonPropertyName("no_repeat_ngram_size")]
    public int? NoRepeatNgramSize { get; set; }

    /// <inheritdoc />
    [JsonPropertyName("length_penalty")]
    public double? LengthPenalty { get; set; }

    /// <inheritdoc />
    [JsonPropertyName("early_stopping")]
    public bool? EarlyStopping { get; set; }

    /// <inheritdoc />
    [JsonPropertyName("repetition_penalty")]
    public double? RepetitionPenalty { get; set; }

    /// <inheritdoc />
    [JsonPropertyName("do_sample")]
    public bool? DoSample { get; set; }

    /// <inheritdoc />
    [JsonPropertyName("top_k")]
    public int? TopK { get; set; }

    /// <inheritdoc />
    [JsonPropertyName("top_p")]
    public double? TopP { get; set; }

    /// <inheritdoc />
    [JsonPropertyName("temperature")]
    public double? Temperature { get; set; }

    /// <inheritdoc />
    [JsonPropertyName("seed")]
    public int? Seed { get; set; }
}
