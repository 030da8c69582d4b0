namespace HfPipelines.Tasks;

/// <summary>Options of image-classification (transformers <c>ImageClassificationPipeline</c>).</summary>
public sealed class ImageClassificationOptions
{
    /// <summary>How many labels to return, best first. Default 5.</summary>
    public int TopK { get; set; } = 5;

    /// <summary>The function applied to the logits. Default: from the model config.</summary>
    public ClassificationFunction FunctionToApply { get; set; } = ClassificationFunction.Default;
}
