namespace HfPipelines.Tasks;

/// <summary>Options of question-answering (transformers <c>QuestionAnsweringPipeline</c>), same defaults.</summary>
public sealed class QuestionAnsweringOptions
{
    /// <summary>How many answers to return. Default 1.</summary>
    public int TopK { get; set; } = 1;

    /// <summary>Overlap between context windows, in tokens. Default 128.</summary>
    public int DocStride { get; set; } = 128;

    /// <summary>Longest answer, in tokens. Default 15.</summary>
    public int MaxAnswerLength { get; set; } = 15;

    /// <summary>Length of question + context window, in tokens. Default 384.</summary>
    public int MaxSeqLength { get; set; } = 384;

    /// <summary>Longest question, in tokens. Default 64.</summary>
    public int MaxQuestionLength { get; set; } = 64;

    /// <summary>Whether "no answer" (the CLS span) may win. Default false.</summary>
    public bool HandleImpossibleAnswer { get; set; }

    /// <summary>Whether answers are widened to whole words. Default true.</summary>
    public bool AlignToWords { get; set; } = true;
}
