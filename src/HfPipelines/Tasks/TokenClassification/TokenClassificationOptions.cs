namespace HfPipelines.Tasks;

/// <summary>Options of token-classification / ner (transformers <c>TokenClassificationPipeline</c>).</summary>
public sealed class TokenClassificationOptions
{
    /// <summary>How tokens are merged into entities. Default <see cref="AggregationStrategy.None"/>, as in Python.</summary>
    public AggregationStrategy AggregationStrategy { get; set; } = AggregationStrategy.None;

    /// <summary>Labels left out of the result. Default <c>["O"]</c>.</summary>
    public IList<string> IgnoreLabels { get; set; } = ["O"];

    /// <summary>For texts longer than the model's limit: the overlap, in tokens, between windows. Null: truncate.</summary>
    public int? Stride { get; set; }
}
