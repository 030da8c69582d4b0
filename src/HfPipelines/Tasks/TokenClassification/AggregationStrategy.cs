namespace HfPipelines.Tasks;

/// <summary>How token predictions are merged into entities (transformers <c>aggregation_strategy</c>).</summary>
public enum AggregationStrategy
{
    /// <summary>One result per token, with <c>entity</c> and <c>index</c>.</summary>
    None,

    /// <summary>Groups adjacent tokens of one entity type (B-/I- aware).</summary>
    Simple,

    /// <summary>Words take the label of their first token.</summary>
    First,

    /// <summary>Words take the label of the averaged scores of their tokens.</summary>
    Average,

    /// <summary>Words take the label of their highest-scoring token.</summary>
    Max,
}
