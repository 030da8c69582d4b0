namespace HfPipelines.Tasks;

/// <summary>Options of zero-shot-classification (transformers <c>ZeroShotClassificationPipeline</c>).</summary>
public sealed class ZeroShotClassificationOptions
{
    /// <summary>The labels to choose from (required, at least one).</summary>
    public IList<string> CandidateLabels { get; set; } = [];

    /// <summary>The NLI hypothesis; <c>{}</c> is replaced by each label. Default <c>This example is {}.</c></summary>
    public string HypothesisTemplate { get; set; } = "This example is {}.";

    /// <summary>When true each label is scored on its own (entailment against contradiction);
    /// when false the scores are a softmax across labels and sum to 1.</summary>
    public bool MultiLabel { get; set; }
}
