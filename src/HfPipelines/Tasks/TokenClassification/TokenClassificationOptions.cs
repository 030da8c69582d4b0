using System.Text.Json.Serialization;

namespace HfPipelines.Tasks;

/// <summary>Options of token-classification / ner (transformers <c>TokenClassificationPipeline</c>).</summary>
public sealed class TokenClassificationOptions
{
    /// <summary>How tokens are merged into entities. Default <see cref="AggregationStrategy.None"/>, as in Python.</summary>
    [JsonPropertyName("aggregation_strategy")]
    public AggregationStrategy AggregationStrategy { get; set; } = AggregationStrategy.None;

    /// <summary>Labels left out of the result. Default <c>["O"]</c>.</summary>
    [JsonPropertyName("ignore_labels")]
    public IList<string> IgnoreLabels { get; set; } = ["O"];

    /// <summary>For texts longer than the model's limit: the overlap, in tokens, between windows. Null: truncate.</summary>
    [JsonPropertyName("stride")]
    public int? Stride { get; set; }

    /// <summary>Python's legacy <c>grouped_entities</c>: when it or <see cref="IgnoreSubwords"/> is set, they choose the
    /// strategy as transformers does (grouped + ignore subwords: first; grouped alone: simple; otherwise none),
    /// in place of <see cref="AggregationStrategy"/>. Null: not given.</summary>
    [JsonPropertyName("grouped_entities")]
    public bool? GroupedEntities { get; set; }

    /// <summary>Python's legacy <c>ignore_subwords</c>: with <see cref="GroupedEntities"/>, words take their first
    /// token's label (<see cref="AggregationStrategy.First"/>). Null: not given.</summary>
    [JsonPropertyName("ignore_subwords")]
    public bool? IgnoreSubwords { get; set; }

    /// <summary>The strategy the pipeline uses: <see cref="AggregationStrategy"/>, unless the legacy
    /// <see cref="GroupedEntities"/> / <see cref="IgnoreSubwords"/> are given (transformers' mapping).</summary>
    [JsonIgnore]
    public AggregationStrategy EffectiveAggregationStrategy => GroupedEntities is null && IgnoreSubwords is null
        ? AggregationStrategy
        : (GroupedEntities == true, IgnoreSubwords == true) switch
        {
            (true, true) => AggregationStrategy.First,
            (true, false) => AggregationStrategy.Simple,
            _ => AggregationStrategy.None,
        };
}
