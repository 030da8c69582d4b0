using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Onnx;
using HfPipelines.Pipelines;
using HfPipelines.Remote.Http;

namespace HfPipelines.Tasks;

/// <summary>
/// fill-mask: a text with the model's mask token; <c>top_k</c>, <c>targets</c>; predictions per mask, answered as a
/// list for one mask and a list of lists for several, as the Inference API does.
/// </summary>
public sealed class FillMaskTask : PipelineTask<string, FillMaskOptions, IReadOnlyList<IReadOnlyList<FillMaskPrediction>>>
{
    internal FillMaskTask()
        : base(PipelineTaskNames.FillMask, TaskInputKind.Text, "Predict the masked token(s) in a text.")
    {
    }

    /// <inheritdoc />
    public override IReadOnlyList<TaskArgument> Arguments { get; } =
    [
        TaskArgument.Input("text", TaskArgumentType.String, "The text, with the model's mask token (e.g. [MASK] or <mask>) where a word is missing."),
        TaskArgument.Parameter("top_k", TaskArgumentType.Integer, "How many predictions per mask (default 5).", "topK"),
        TaskArgument.Parameter("targets", TaskArgumentType.StringList, "Only score these words."),
    ];

    /// <inheritdoc />
    public override TaskTool Tool { get; } = new("Language", "fill_mask",
        "Guess the missing word in a sentence that holds the model's mask token (usually [MASK] or <mask>), e.g. \"Paris is the [MASK] of France.\".");

    /// <inheritdoc />
    public override IReadOnlyList<LocalTaskFactory> LocalFactories { get; } =
    [
        new("onnx", (path, options) => LocalModelKinds.IsEncoder(path) ? OnnxPipelines.CreateFillMask(path, options) : null),
    ];

    /// <inheritdoc />
    public override (IReadOnlyList<string> Items, bool Batch) ReadInputs(TaskRequest request) => ReadTexts(request);

    /// <inheritdoc />
    public override FillMaskOptions ReadOptions(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = request.Parameters;
        return new FillMaskOptions { TopK = parameters.Int("top_k") ?? 5, Targets = parameters.Strings("targets") };
    }

    /// <inheritdoc />
    public override object? WriteResult(IReadOnlyList<IReadOnlyList<FillMaskPrediction>> result, FillMaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Count == 1 ? result[0] : result;
    }

    /// <inheritdoc />
    public override JsonObject WriteRequest(string input, FillMaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TopK < 1)
        {
            throw new InvalidPipelineInputException($"top_k must be at least 1, got {options.TopK}.");
        }

        var parameters = new JsonObject { ["top_k"] = options.TopK };
        if (options.Targets is { Count: > 0 } targets)
        {
            parameters["targets"] = new JsonArray([.. targets.Select(t => (JsonNode?)JsonValue.Create(t))]);
        }

        return new JsonObject { ["inputs"] = RequireText(input), ["parameters"] = parameters };
    }

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyList<FillMaskPrediction>> ReadResponse(JsonElement answer, string input, FillMaskOptions options)
    {
        if (answer.ValueKind != JsonValueKind.Array)
        {
            throw RemoteJson.Shape(Name, "[{score, token, token_str, sequence}] or a list of them per mask", answer);
        }

        var perMask = answer.GetArrayLength() > 0 && answer[0].ValueKind == JsonValueKind.Array ? answer.EnumerateArray().ToList() : [answer];
        return perMask.Select(mask => (IReadOnlyList<FillMaskPrediction>)RemoteJson.Items(mask, Name, "[{score, token, token_str, sequence}]")
            .Select(item => new FillMaskPrediction(
                RemoteJson.Float(item, "score", Name),
                RemoteJson.OptionalInt(item, "token") ?? throw RemoteJson.Shape(Name, "an integer 'token'", item),
                RemoteJson.String(item, "token_str", Name),
                RemoteJson.String(item, "sequence", Name)))
            .ToList()).ToList();
    }
}
