using HfPipelines.Tasks;

namespace HfPipelines.Cli.Serve.Tasks;

/// <summary>token-classification: <c>aggregation_strategy</c>, <c>ignore_labels</c>, <c>stride</c> -> entities as transformers returns them.</summary>
internal sealed class ServeTokenClassification() : ServeTask<string, TokenClassificationOptions, IReadOnlyList<TokenEntity>>(PipelineTasks.TokenClassification)
{
    protected override TokenClassificationOptions Options(ServeInput input)
    {
        var parameters = input.Parameters;
        var options = new TokenClassificationOptions
        {
            AggregationStrategy = parameters.Enum<AggregationStrategy>("aggregation_strategy") ?? AggregationStrategy.None,
            Stride = parameters.Int("stride"),
        };
        if (parameters.Strings("ignore_labels") is { } ignore)
        {
            options.IgnoreLabels = ignore;
        }

        return options;
    }

    protected override (IReadOnlyList<string> Items, bool Batch) Inputs(ServeInput input) => Texts(input);
}
