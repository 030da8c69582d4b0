using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Onnx;
using HfPipelines.Pipelines;
using HfPipelines.Remote.Http;

namespace HfPipelines.Tasks;

/// <summary>
/// token-classification (ner): a text; <c>aggregation_strategy</c>, <c>ignore_labels</c>, <c>stride</c>; entities as
/// transformers returns them (the label in <c>entity</c> without aggregation, in <c>entity_group</c> with it).
/// </summary>
public sealed class TokenClassificationTask : PipelineTask<string, TokenClassificationOptions, IReadOnlyList<TokenEntity>>
{
    internal TokenClassificationTask()
        : base(PipelineTaskNames.TokenClassification, TaskInputKind.Text, "Find named entities (or other token labels) with character offsets.", "ner")
    {
    }

    /// <inheritdoc />
    public override IReadOnlyList<TaskArgument> Arguments { get; } =
    [
        TaskArgument.Input("text", TaskArgumentType.String, "The text to search for entities."),
        TaskArgument.Parameter("aggregation_strategy", TaskArgumentType.String, "none, simple, first, average or max (default none)."),
        TaskArgument.Parameter("ignore_labels", TaskArgumentType.StringList, "Labels to leave out (default O)."),
        TaskArgument.Parameter("stride", TaskArgumentType.Integer, "Overlap in tokens between windows of a long text."),
        TaskArgument.Parameter("grouped_entities", TaskArgumentType.Boolean, "Python's legacy switch for the simple strategy."),
        TaskArgument.Parameter("ignore_subwords", TaskArgumentType.Boolean, "Python's legacy switch for the first strategy (with grouped_entities)."),
    ];

    /// <inheritdoc />
    public override TaskTool Tool { get; } = new("Classification", "find_entities",
        "Find the named entities in a text: people (PER), organisations (ORG), locations (LOC) and others, with their character offsets. Use it to extract names from a text.");

    /// <inheritdoc />
    public override IReadOnlyList<LocalTaskFactory> LocalFactories { get; } =
    [
        new("onnx", (path, options) => LocalModelKinds.IsEncoder(path) ? OnnxPipelines.CreateTokenClassification(path, options) : null),
    ];

    /// <inheritdoc />
    public override (IReadOnlyList<string> Items, bool Batch) ReadInputs(TaskRequest request) => ReadTexts(request);

    /// <inheritdoc />
    public override TokenClassificationOptions ReadOptions(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = request.Parameters;
        var options = new TokenClassificationOptions
        {
            AggregationStrategy = parameters.Enum<AggregationStrategy>("aggregation_strategy") ?? AggregationStrategy.None,
            Stride = parameters.Int("stride"),
            GroupedEntities = parameters.Bool("grouped_entities"),
            IgnoreSubwords = parameters.Bool("ignore_subwords"),
        };
        if (parameters.Strings("ignore_labels") is { } ignore)
        {
            options.IgnoreLabels = ignore;
        }

        return options;
    }

    /// <inheritdoc />
    public override JsonObject WriteRequest(string input, TokenClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parameters = new JsonObject
        {
            ["aggregation_strategy"] = RemoteJson.Lower(options.EffectiveAggregationStrategy),
            ["ignore_labels"] = new JsonArray([.. options.IgnoreLabels.Select(l => (JsonNode?)JsonValue.Create(l))]),
        };
        if (options.Stride is { } stride)
        {
            parameters["stride"] = stride;
        }

        return new JsonObject { ["inputs"] = RequireText(input), ["parameters"] = parameters };
    }

    /// <inheritdoc />
    public override IReadOnlyList<TokenEntity> ReadResponse(JsonElement answer, string input, TokenClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var aggregated = options.EffectiveAggregationStrategy != AggregationStrategy.None;
        return RemoteJson.Items(RemoteJson.UnwrapBatch(answer), Name, "[{entity_group, score, word, start, end}]").Select(item =>
        {
            var label = RemoteJson.OptionalString(item, "entity_group") ?? RemoteJson.OptionalString(item, "entity")
                ?? throw RemoteJson.Shape(Name, "an entity with 'entity_group' or 'entity'", item);
            return new TokenEntity
            {
                Entity = aggregated ? null : label,
                EntityGroup = aggregated ? label : null,
                Score = RemoteJson.Float(item, "score", Name),
                Index = RemoteJson.OptionalInt(item, "index"),
                Word = RemoteJson.OptionalString(item, "word") ?? string.Empty,
                Start = RemoteJson.OptionalInt(item, "start"),
                End = RemoteJson.OptionalInt(item, "end"),
            };
        }).ToList();
    }
}
