using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Onnx;
using HfPipelines.Pipelines;
using HfPipelines.Remote.Http;

namespace HfPipelines.Tasks;

/// <summary>
/// zero-shot-classification: text in; <c>candidate_labels</c> (a list, or one comma-separated string),
/// <c>multi_label</c>, <c>hypothesis_template</c>; labels and scores out, best first. Local: NLI exports, or embedding
/// similarity on a sentence-embedding model (the default, the embedded all-MiniLM-L6-v2). The Inference API answers
/// <c>[{label, score}]</c> (older servers <c>{sequence, labels, scores}</c>; both are read).
/// </summary>
public sealed class ZeroShotClassificationTask : PipelineTask<string, ZeroShotClassificationOptions, ZeroShotClassificationResult>
{
    internal ZeroShotClassificationTask()
        : base(PipelineTaskNames.ZeroShotClassification, TaskInputKind.Text, "Classify a text into labels given at call time.")
    {
    }

    /// <inheritdoc />
    public override string? DefaultModel => Hub.EmbeddedModel.RepoId;

    /// <inheritdoc />
    public override bool SupportsBenchmark => false;

    /// <inheritdoc />
    public override IReadOnlyList<TaskArgument> Arguments { get; } =
    [
        TaskArgument.Input("text", TaskArgumentType.String, "The text to classify."),
        TaskArgument.Parameter("candidate_labels", TaskArgumentType.StringList, "The candidate labels: a list, or one text separated by commas.", "labels") with { Required = true },
        TaskArgument.Parameter("multi_label", TaskArgumentType.Boolean, "True when several labels can apply at once."),
        TaskArgument.Parameter("hypothesis_template", TaskArgumentType.String, "The NLI hypothesis, with {} where the label goes."),
    ];

    /// <inheritdoc />
    public override TaskTool Tool { get; } = new("Classification", "classify_zero_shot",
        "Decide which of the candidate labels you give fits a text best (e.g. is it about sales or support?). Returns the labels sorted by score, best first.");

    /// <inheritdoc />
    public override IReadOnlyList<LocalTaskFactory> LocalFactories { get; } =
    [
        new("onnx", (path, options) => LocalModelKinds.IsEncoder(path) ? OnnxPipelines.CreateZeroShotClassification(path, options) : null),
    ];

    /// <inheritdoc />
    public override (IReadOnlyList<string> Items, bool Batch) ReadInputs(TaskRequest request) => ReadTexts(request);

    /// <inheritdoc />
    public override ZeroShotClassificationOptions ReadOptions(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = request.Parameters;
        var labels = parameters.Strings("candidate_labels", splitCommas: true);
        if (labels is not { Count: > 0 })
        {
            throw new InvalidPipelineInputException("parameters.candidate_labels is required: a list of labels (or one comma-separated string).");
        }

        var options = new ZeroShotClassificationOptions { CandidateLabels = labels, MultiLabel = parameters.Bool("multi_label") ?? false };
        if (parameters.String("hypothesis_template") is { } template)
        {
            options.HypothesisTemplate = template;
        }

        return options;
    }

    /// <inheritdoc />
    public override object? WriteResult(ZeroShotClassificationResult result, ZeroShotClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Labels.Zip(result.Scores, (label, score) => new ClassificationLabel(label, score)).OrderByDescending(l => l.Score).ToList();
    }

    /// <inheritdoc />
    public override JsonObject WriteRequest(string input, ZeroShotClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var labels = ZeroShotInputs.Labels(options);
        return new JsonObject
        {
            ["inputs"] = RequireText(input),
            ["parameters"] = new JsonObject
            {
                ["candidate_labels"] = new JsonArray([.. labels.Select(l => (JsonNode?)JsonValue.Create(l))]),
                ["multi_label"] = options.MultiLabel,
                ["hypothesis_template"] = options.HypothesisTemplate ?? ZeroShotClassificationOptions.NliHypothesisTemplate,
            },
        };
    }

    /// <inheritdoc />
    public override ZeroShotClassificationResult ReadResponse(JsonElement answer, string input, ZeroShotClassificationOptions options)
    {
        if (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("labels", out var labels) && answer.TryGetProperty("scores", out var scores))
        {
            var names = labels.EnumerateArray().Select(l => l.GetString() ?? string.Empty).ToList();
            var values = RemoteJson.Vector(scores, Name);
            if (names.Count != values.Length)
            {
                throw RemoteJson.Shape(Name, "as many scores as labels", answer);
            }

            var pairs = names.Zip(values).OrderByDescending(p => p.Second).ToList();
            return new ZeroShotClassificationResult(RemoteJson.OptionalString(answer, "sequence") ?? input, [.. pairs.Select(p => p.First)], [.. pairs.Select(p => p.Second)]);
        }

        var ranked = RemoteJson.Labels(answer, Name, null);
        return new ZeroShotClassificationResult(input, [.. ranked.Select(l => l.Label)], [.. ranked.Select(l => l.Score)]);
    }
}
