using System.Text.Json.Serialization;
using HfPipelines.Seq2Seq;

namespace HfPipelines.Tasks;

/// <summary>Options of translation. Null values take the model's generation config.</summary>
public sealed class TranslationOptions : ISeq2SeqGenerationOptions
{
    /// <summary>Source language code (mBART, NLLB, M2M100 codes, or ISO codes for T5 and LLMs).</summary>
    [JsonPropertyName("src_lang")]
    public string? SourceLanguage { get; set; }

    /// <summary>Target language code.</summary>
    [JsonPropertyName("tgt_lang")]
    public string? TargetLanguage { get; set; }

    /// <summary>Longest translation, in tokens.</summary>
    [JsonPropertyName("max_length")]
    public int? MaxLength { get; set; }

    /// <summary>Most new tokens; overrides <see cref="MaxLength"/>.</summary>
    [JsonPropertyName("max_new_tokens")]
    public int? MaxNewTokens { get; set; }

    /// <summary>Beam width; 1 is greedy.</summary>
    [JsonPropertyName("num_beams")]
    public int? NumBeams { get; set; }

    /// <summary>Shortest translation, in tokens (<c>min_length</c>).</summary>
    [JsonPropertyName("min_length")]
    public int? MinLength { get; set; }

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
