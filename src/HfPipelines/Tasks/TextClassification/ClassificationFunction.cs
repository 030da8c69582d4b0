namespace HfPipelines.Tasks;

/// <summary>The function applied to logits (transformers' <c>function_to_apply</c>).</summary>
public enum ClassificationFunction
{
    /// <summary>Chosen from the model config like Python: sigmoid for multi-label or a single label, softmax otherwise.</summary>
    Default,

    /// <summary>Sigmoid per label.</summary>
    Sigmoid,

    /// <summary>Softmax across labels.</summary>
    Softmax,

    /// <summary>Raw logits.</summary>
    None,
}
