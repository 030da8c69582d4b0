namespace HfPipelines.Tasks;

/// <summary>Options of feature-extraction / embeddings.</summary>
public sealed class FeatureExtractionOptions
{
    /// <summary>The pooling. Default: from the model's sentence-transformers config.</summary>
    public PoolingMode Pooling { get; set; } = PoolingMode.Default;

    /// <summary>L2-normalise the sentence vectors. Default: true when the model's config has a Normalize module
    /// (as sentence-transformers models do), else false.</summary>
    public bool? Normalize { get; set; }
}
