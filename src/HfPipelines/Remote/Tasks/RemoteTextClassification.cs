using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Remote.Http;
using HfPipelines.Tasks;

namespace HfPipelines.Remote.Tasks;

/// <summary>
/// text-classification: <c>{inputs, parameters: {top_k, function_to_apply}}</c> -> <c>[[{label, score}]]</c> (the
/// router's batch of one) or <c>[{label, score}]</c>. The server is asked for all labels unless top_k is positive.
/// </summary>
internal sealed class RemoteTextClassification() : RemoteTask<string, TextClassificationOptions, IReadOnlyList<ClassificationLabel>>(PipelineTasks.TextClassification)
{
    public override async Task<IReadOnlyList<ClassificationLabel>> RunAsync(RemoteCall call, string input, TextClassificationOptions options, CancellationToken cancellationToken)
    {
        var answer = await call.Client.PostJsonAsync(call.Routes.Task(Task, call.Model), Body(Text(input), options), Task, cancellationToken).ConfigureAwait(false);
        return Parse(answer, options);
    }

    public static JsonObject Body(string text, TextClassificationOptions options)
    {
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

    /// <summary>As in transformers: a null top_k keeps the best label, 0 or less keeps all.</summary>
    public static IReadOnlyList<ClassificationLabel> Parse(JsonElement answer, TextClassificationOptions options) =>
        RemoteJson.Labels(answer, PipelineTasks.TextClassification, options.TopK switch { null => 1, <= 0 => null, { } k => k });
}
