using System.Text.Json.Nodes;
using HfPipelines.Remote.Http;
using HfPipelines.Tasks;

namespace HfPipelines.Remote.Tasks;

/// <summary>
/// image-classification: the image bytes with their content type; when options differ from the defaults the image
/// goes base64 in <c>{inputs, parameters: {top_k, function_to_apply}}</c>. Answer <c>[{label, score}]</c>.
/// </summary>
internal sealed class RemoteImageClassification() : RemoteTask<ImageInput, ImageClassificationOptions, IReadOnlyList<ClassificationLabel>>(PipelineTasks.ImageClassification)
{
    public override async Task<IReadOnlyList<ClassificationLabel>> RunAsync(RemoteCall call, ImageInput input, ImageClassificationOptions options, CancellationToken cancellationToken)
    {
        if (options.TopK < 1)
        {
            throw new InvalidPipelineInputException($"top_k must be at least 1, got {options.TopK}.");
        }

        var bytes = await input.ReadAllBytesAsync(cancellationToken).ConfigureAwait(false);
        var contentType = MediaTypes.Image(bytes.Span);
        var uri = call.Routes.Task(Task, call.Model);
        var answer = options.TopK == 5 && options.FunctionToApply == ClassificationFunction.Default
            ? await call.Client.PostBytesAsync(uri, bytes, contentType, Task, cancellationToken).ConfigureAwait(false)
            : await call.Client.PostJsonAsync(uri, Body(bytes, options), Task, cancellationToken).ConfigureAwait(false);
        return RemoteJson.Labels(answer, Task, options.TopK);
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
