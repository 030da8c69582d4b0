using System.Text.Json.Serialization;

namespace HfPipelines.Tasks;

/// <summary>Options of question-answering (transformers <c>QuestionAnsweringPipeline</c>), same defaults.</summary>
public sealed class QuestionAnsweringOptions
{
    /// <summary>How many answers to return. Default 1.</summary>
    [JsonPropertyName("top_k")]
    public int TopK { get; set; } = 1;

    /// <summary>Overlap between context windows, in tokens. Default 128.</summary>
    [JsonPropertyName("doc_stride")]
    public int DocStride { get; set; } = 128;

    /// <summary>Longest answer, in tokens. Default 15.</summary>
    [JsonPropertyName("max_answer_len")]
    public int MaxAnswerLength { get; set; } = 15;

    /// <summary>Length of question + context window, in tokens. Default 384.</summary>
    [JsonPropertyName("max_seq_len")]
    public int MaxSeqLength { get; set; } = 384;

    /// <summary>Longest question, in tokens. Default 64. Sent to remote endpoints; locally, as transformers with a fast
    /// tokenizer, the question is not truncated: one too long to leave room for the context fails with a typed error.</summary>
    [JsonPropertyName("max_question_len")]
    public int MaxQuestionLength { get; set; } = 64;

    /// <summary>Whether "no answer" (the CLS span) may win. Default false.</summary>
    [JsonPropertyName("handle_impossible_answer")]
    public bool HandleImpossibleAnswer { get; set; }

    /// <summary>Whether answers are widened to whole words. Default true.</summary>
    [JsonPropertyName("align_to_words")]
    public bool AlignToWords { get; set; } = true;
}
