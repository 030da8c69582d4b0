using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Remote.Http;
using HfPipelines.Tasks;

namespace HfPipelines.Remote.Tasks;

/// <summary>fill-mask: <c>{inputs, parameters: {top_k, targets}}</c>; one mask answers a list, several a list of lists.</summary>
internal sealed class RemoteFillMask() : RemoteTask<string, FillMaskOptions, IReadOnlyList<IReadOnlyList<FillMaskPrediction>>>(PipelineTasks.FillMask)
{
    public override async Task<IReadOnlyList<IReadOnlyList<FillMaskPrediction>>> RunAsync(RemoteCall call, string input, FillMaskOptions options, CancellationToken cancellationToken)
    {
        var answer = await call.Client.PostJsonAsync(call.Routes.Task(Task, call.Model), Body(Text(input), options), Task, cancellationToken).ConfigureAwait(false);
        return Parse(answer);
    }

    public static JsonObject Body(string text, FillMaskOptions options)
    {
        if (options.TopK < 1)
        {
            throw new InvalidPipelineInputException($"top_k must be at least 1, got {options.TopK}.");
        }

        var parameters = new JsonObject { ["top_k"] = options.TopK };
        if (options.Targets is { Count: > 0 } targets)
        {
            parameters["targets"] = new JsonArray([.. targets.Select(t => (JsonNode?)JsonValue.Create(t))]);
        }

        return new JsonObject { ["inputs"] = text, ["parameters"] = parameters };
    }

    public static IReadOnlyList<IReadOnlyList<FillMaskPrediction>> Parse(JsonElement answer)
    {
        const string task = PipelineTasks.FillMask;
        if (answer.ValueKind != JsonValueKind.Array)
        {
            throw RemoteJson.Shape(task, "[{score, token, token_str, sequence}] or a list of them per mask", answer);
        }

        var perMask = answer.GetArrayLength() > 0 && answer[0].ValueKind == JsonValueKind.Array ? answer.EnumerateArray().ToList() : [answer];
        return perMask.Select(mask => (IReadOnlyList<FillMaskPrediction>)RemoteJson.Items(mask, task, "[{score, token, token_str, sequence}]")
            .Select(item => new FillMaskPrediction(
                RemoteJson.Float(item, "score", task),
                RemoteJson.OptionalInt(item, "token") ?? throw RemoteJson.Shape(task, "an integer 'token'", item),
                RemoteJson.String(item, "token_str", task),
                RemoteJson.String(item, "sequence", task)))
            .ToList()).ToList();
    }
}
