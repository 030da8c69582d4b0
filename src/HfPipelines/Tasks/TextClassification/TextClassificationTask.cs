using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Onnx;
using HfPipelines.Pipelines;
using HfPipelines.Remote.Http;

namespace HfPipelines.Tasks;

/// <summary>
/// text-classification (sentiment-analysis): a text, or <c>{text, text_pair}</c>; <c>top_k</c>,
/// <c>function_to_apply</c>; labels best first, <c>[{label, score}]</c> (the router answers a batch of one,
/// <c>[[{label, score}]]</c>; both are read). A null top_k keeps the best label, 0 or less keeps all, as in transformers.
/// </summary>
public sealed class TextClassificationTask : PipelineTask<string, TextClassificationOptions, IReadOnlyList<ClassificationLabel>>
{
    internal TextClassificationTask()
        : base(PipelineTaskNames.TextClassification, TaskInputKind.Text, "Classify a text (or a text pair) into the model's labels.", "sentiment-analysis")
    {
    }

    /// <inheritdoc />
    public override IReadOnlyList<TaskArgument> Arguments { get; } =
    [
        TaskArgument.Input("text", TaskArgumentType.String, "The text to classify."),
        TaskArgument.Parameter("top_k", TaskArgumentType.Integer, "How many labels to return, best first (0 or less: all)."),
        TaskArgument.Parameter("function_to_apply", TaskArgumentType.String, "sigmoid, softmax or none; default: the model's."),
    ];

    /// <inheritdoc />
    public override TaskTool Tool { get; } = new("Classification", "classify_text",
        "Classify a text with the configured classifier's fixed labels (by default sentiment: POSITIVE or NEGATIVE). Use it for sentiment or tone; use classify_zero_shot when you choose the labels yourself.");

    /// <inheritdoc />
    public override IReadOnlyList<LocalTaskFactory> LocalFactories { get; } =
    [
        new("onnx", (path, options) => LocalModelKinds.IsEncoder(path) ? OnnxPipelines.CreateTextClassification(path, options) : null),
    ];

    /// <inheritdoc />
    public override (IReadOnlyList<string> Items, bool Batch) ReadInputs(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Inputs.ValueKind == JsonValueKind.Object
            ? ([RequestFields.Text(request.Inputs.TryGetProperty("text", out var text) ? text : default, "inputs.text")], false)
            : ReadTexts(request);
    }

    /// <inheritdoc />
    public override TextClassificationOptions ReadOptions(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = request.Parameters;
        var options = new TextClassificationOptions
        {
            TopK = parameters.Int("top_k"),
            FunctionToApply = parameters.Enum<ClassificationFunction>("function_to_apply") ?? ClassificationFunction.Default,
        };
        if (request.Inputs.ValueKind == JsonValueKind.Object)
        {
            options.TextPair = new RequestFields(request.Inputs, "inputs").String("text_pair");
        }

        return options;
    }

    /// <inheritdoc />
    public override JsonObject WriteRequest(string input, TextClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = RequireText(input);
        var parameters = new JsonObject();
        if (options.TopK is { } topK and > 0)
        {
            parameters["top_k"] = topK;
        }

        if (options.FunctionToApply != ClassificationFunction.Default)
        {
            parameters["function_to_apply"] = RemoteJson.Lower(options.FunctionToApply);
        }

        JsonNode inputs = options.TextPair is null ? JsonValue.Create(text) : new JsonObject { ["text"] = text, ["text_pair"] = options.TextPair };
        var body = new JsonObject { ["inputs"] = inputs };
        if (parameters.Count > 0)
        {
            body["parameters"] = parameters;
        }

        return body;
    }

    /// <inheritdoc />
    public override IReadOnlyList<ClassificationLabel> ReadResponse(JsonElement answer, string input, TextClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return RemoteJson.Labels(answer, Name, options.TopK switch { null => 1, <= 0 => null, { } k => k });
    }
}
