namespace HfPipelines.Tasks;

/// <summary>How token vectors become one sentence vector.</summary>
public enum PoolingMode
{
    /// <summary>As the model's sentence-transformers config says (mean when it says nothing).</summary>
    Default,

    /// <summary>Mean of the token vectors under the attention mask.</summary>
    Mean,

    /// <summary>The first token's vector.</summary>
    Cls,

    /// <summary>No pooling: one vector per token.</summary>
    None,
}
