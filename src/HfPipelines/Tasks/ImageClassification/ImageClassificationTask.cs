using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Pipelines;
using HfPipelines.Remote.Http;
using HfPipelines.Remote.Tasks;

namespace HfPipelines.Tasks;

/// <summary>
/// image-classification: raw image bytes, or base64 <c>inputs</c>; <c>top_k</c>, <c>function_to_apply</c>;
/// <c>[{label, score}]</c> best first. Tool calls, workflow steps and command lines give a file path. Remote: the image
/// bytes with their content type; with options other than the defaults, base64 in <c>{inputs, parameters}</c>.
/// </summary>
public sealed class ImageClassificationTask : PipelineTask<ImageInput, ImageClassificationOptions, IReadOnlyList<ClassificationLabel>>
{
    internal ImageClassificationTask()
        : base(PipelineTaskNames.ImageClassification, TaskInputKind.Image, "Classify an image into the model's labels.")
    {
    }

    /// <inheritdoc />
    public override IReadOnlyList<TaskArgument> Arguments { get; } =
    [
        TaskArgument.Input("image", TaskArgumentType.String, "The image file: a local path such as \"photos/cat.jpg\" or a file:// URI."),
        TaskArgument.Parameter("top_k", TaskArgumentType.Integer, "How many labels, best first (default 5).", "topK"),
        TaskArgument.Parameter("function_to_apply", TaskArgumentType.String, "sigmoid, softmax or none; default: the model's."),
    ];

    /// <inheritdoc />
    public override TaskTool Tool { get; } = new("Vision", "classify_image",
        "Say what an image file shows (its main object, e.g. \"tabby cat\"), as labels with scores, best first. Use it whenever the user names a picture or photo file.");

    /// <inheritdoc />
    public override IReadOnlyList<LocalTaskFactory> LocalFactories { get; } =
    [
        new("onnx", (path, _) => LocalModelKinds.HasOnnx(path) ? ImageClassificationPipeline.Create(path) : null),
    ];

    /// <inheritdoc />
    public override (IReadOnlyList<ImageInput> Items, bool Batch) ReadInputs(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ([ImageInput.FromBytes(request.MediaBytes("image"))], false);
    }

    /// <inheritdoc />
    public override ImageInput ReadArgumentInput(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ImageInput.FromFile(LocalFileArgument.Path(RequestFields.Text(request.Inputs, "image"), "image"));
    }

    /// <inheritdoc />
    public override ImageInput ParseInput(string text) => ImageInput.FromFile(LocalFileArgument.Path(text, "image"));

    /// <inheritdoc />
    public override ImageClassificationOptions ReadOptions(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = request.Parameters;
        return new ImageClassificationOptions
        {
            TopK = parameters.Int("top_k") ?? 5,
            FunctionToApply = parameters.Enum<ClassificationFunction>("function_to_apply") ?? ClassificationFunction.Default,
        };
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<ClassificationLabel>> RunRemoteAsync(IRemoteTaskClient client, ImageInput input, ImageClassificationOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        Check(options);
        var bytes = await input.ReadAllBytesAsync(cancellationToken).ConfigureAwait(false);
        var answer = options.TopK == 5 && options.FunctionToApply == ClassificationFunction.Default
            ? await client.PostBytesAsync(bytes, MediaTypes.Image(bytes.Span), cancellationToken).ConfigureAwait(false)
            : await client.PostJsonAsync(Body(bytes, options), cancellationToken).ConfigureAwait(false);
        return ReadResponse(answer, input, options);
    }

    /// <inheritdoc />
    /// <remarks>The image must be in memory (<see cref="ImageInput.FromBytes"/>); <see cref="RunRemoteAsync"/> reads files first.</remarks>
    public override JsonObject WriteRequest(ImageInput input, ImageClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        Check(options);
        return Body(input.Path is { } path ? File.ReadAllBytes(path) : input.Bytes, options);
    }

    /// <inheritdoc />
    public override IReadOnlyList<ClassificationLabel> ReadResponse(JsonElement answer, ImageInput input, ImageClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return RemoteJson.Labels(answer, Name, options.TopK);
    }

    private static void Check(ImageClassificationOptions options)
    {
        if (options.TopK < 1)
        {
            throw new InvalidPipelineInputException($"top_k must be at least 1, got {options.TopK}.");
        }
    }

    private static JsonObject Body(ReadOnlyMemory<byte> bytes, ImageClassificationOptions options)
    {
        var parameters = new JsonObject { ["top_k"] = options.TopK };
        if (options.FunctionToApply != ClassificationFunction.Default)
        {
            parameters["function_to_apply"] = RemoteJson.Lower(options.FunctionToApply);
        }

        return new JsonObject { ["inputs"] = Convert.ToBase64String(bytes.Span), ["parameters"] = parameters };
    }
}
