namespace HfPipelines.Tasks;

/// <summary>Options of text-classification (transformers <c>TextClassificationPipeline</c>).</summary>
public sealed class TextClassificationOptions
{
    /// <summary>How many labels to return, best first; null returns the top one (Python's default <c>top_k=1</c>),
    /// 0 or less returns all labels.</summary>
    public int? TopK { get; set; }

    /// <summary>The function applied to the logits. Default: chosen from <c>problem_type</c> and the number of labels.</summary>
    public ClassificationFunction FunctionToApply { get; set; } = ClassificationFunction.Default;

    /// <summary>A second text, classified together with the input as a pair (NLI, paraphrase models).</summary>
    public string? TextPair { get; set; }
}
