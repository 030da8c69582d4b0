using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Remote.Http;
using HfPipelines.Tasks;

namespace HfPipelines.Remote.Tasks;

/// <summary>token-classification: <c>{inputs, parameters: {aggregation_strategy, ignore_labels, stride}}</c> -> entities.</summary>
internal sealed class RemoteTokenClassification() : RemoteTask<string, TokenClassificationOptions, IReadOnlyList<TokenEntity>>(PipelineTasks.TokenClassification)
{
    public override async Task<IReadOnlyList<TokenEntity>> RunAsync(RemoteCall call, string input, TokenClassificationOptions options, CancellationToken cancellationToken)
    {
        var answer = await call.Client.PostJsonAsync(call.Routes.Task(Task, call.Model), Body(Text(input), options), Task, cancellationToken).ConfigureAwait(false);
        return Parse(answer, options);
    }

    public static JsonObject Body(string text, TokenClassificationOptions options)
    {
        var parameters = new JsonObject
        {
            ["aggregation_strategy"] = RemoteJson.Lower(options.AggregationStrategy),
            ["ignore_labels"] = new JsonArray([.. options.IgnoreLabels.Select(l => (JsonNode?)JsonValue.Create(l))]),
        };
        if (options.Stride is { } stride)
        {
            parameters["stride"] = stride;
        }

        return new JsonObject { ["inputs"] = text, ["parameters"] = parameters };
    }

    /// <summary>The label goes to <c>entity</c> without aggregation and to <c>entity_group</c> with it, as in transformers.</summary>
    public static IReadOnlyList<TokenEntity> Parse(JsonElement answer, TokenClassificationOptions options)
    {
        const string task = PipelineTasks.TokenClassification;
        var aggregated = options.AggregationStrategy != AggregationStrategy.None;
        return RemoteJson.Items(RemoteJson.UnwrapBatch(answer), task, "[{entity_group, score, word, start, end}]").Select(item =>
        {
            var label = RemoteJson.OptionalString(item, "entity_group") ?? RemoteJson.OptionalString(item, "entity")
                ?? throw RemoteJson.Shape(task, "an entity with 'entity_group' or 'entity'", item);
            return new TokenEntity
            {
                Entity = aggregated ? null : label,
                EntityGroup = aggregated ? label : null,
                Score = RemoteJson.Float(item, "score", task),
                Index = RemoteJson.OptionalInt(item, "index"),
                Word = RemoteJson.OptionalString(item, "word") ?? string.Empty,
                Start = RemoteJson.OptionalInt(item, "start"),
                End = RemoteJson.OptionalInt(item, "end"),
            };
        }).ToList();
    }
}
