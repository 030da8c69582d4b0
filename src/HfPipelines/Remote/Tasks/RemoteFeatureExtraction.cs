using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Remote.Http;
using HfPipelines.Tasks;

namespace HfPipelines.Remote.Tasks;

/// <summary>
/// feature-extraction: the router's <c>/pipeline/feature-extraction</c> and TEI's <c>/embed</c> take
/// <c>{inputs, normalize}</c>; OpenAI-compatible servers take <c>{model, input}</c> at <c>/v1/embeddings</c>.
/// A pooled answer (<c>[d]</c> or <c>[[d]]</c>) is one vector; a token-level answer (<c>[[[d]]]</c>) is pooled here
/// as <see cref="FeatureExtractionOptions.Pooling"/> asks (mean by default, first token for CLS, none keeps tokens).
/// </summary>
internal sealed class RemoteFeatureExtraction() : RemoteTask<string, FeatureExtractionOptions, FeatureExtractionResult>(PipelineTasks.FeatureExtraction)
{
    public override async Task<FeatureExtractionResult> RunAsync(RemoteCall call, string input, FeatureExtractionOptions options, CancellationToken cancellationToken)
    {
        var text = Text(input);
        var openAi = call.Routes.Kind == RemoteEndpointKind.OpenAICompatible;
        var body = openAi ? new JsonObject { ["model"] = call.Model, ["input"] = text } : Body(text, options);
        var answer = await call.Client.PostJsonAsync(call.Routes.Task(Task, call.Model), body, Task, cancellationToken).ConfigureAwait(false);
        return openAi ? ParseOpenAI(answer, options) : Parse(answer, options);
    }

    public static JsonObject Body(string text, FeatureExtractionOptions options)
    {
        var body = new JsonObject { ["inputs"] = text };
        if (options.Normalize is { } normalize)
        {
            body["normalize"] = normalize;
        }

        return body;
    }

    public static FeatureExtractionResult Parse(JsonElement answer, FeatureExtractionOptions options)
    {
        const string task = PipelineTasks.FeatureExtraction;
        var depth = Depth(answer);
        var vectors = depth switch
        {
            1 => [RemoteJson.Vector(answer, task)],
            2 => answer.EnumerateArray().Select(v => RemoteJson.Vector(v, task)).ToList(),
            3 when answer.GetArrayLength() == 1 => Pool(answer[0].EnumerateArray().Select(v => RemoteJson.Vector(v, task)).ToList(), options.Pooling),
            _ => throw RemoteJson.Shape(task, "[d], [[d]] or [[[d]]] numbers for one input", answer),
        };
        return new FeatureExtractionResult(options.Normalize == true ? [.. vectors.Select(Normalize)] : vectors);
    }

    public static FeatureExtractionResult ParseOpenAI(JsonElement answer, FeatureExtractionOptions options)
    {
        const string task = PipelineTasks.FeatureExtraction;
        if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array || data.GetArrayLength() == 0)
        {
            throw RemoteJson.Shape(task, "{data: [{embedding}]}", answer);
        }

        var vector = data[0].TryGetProperty("embedding", out var embedding) ? RemoteJson.Vector(embedding, task) : throw RemoteJson.Shape(task, "{embedding: [...]}", data[0]);
        return new FeatureExtractionResult([options.Normalize == true ? Normalize(vector) : vector]);
    }

    private static int Depth(JsonElement element)
    {
        var depth = 0;
        while (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() > 0)
        {
            depth++;
            element = element[0];
        }

        return element.ValueKind == JsonValueKind.Number ? depth : -1;
    }

    private static List<float[]> Pool(List<float[]> tokens, PoolingMode pooling)
    {
        if (pooling == PoolingMode.None)
        {
            return tokens;
        }

        if (pooling == PoolingMode.Cls)
        {
            return [tokens[0]];
        }

        var mean = new float[tokens[0].Length];
        foreach (var token in tokens)
        {
            for (var i = 0; i < mean.Length; i++)
            {
                mean[i] += token[i] / tokens.Count;
            }
        }

        return [mean];
    }

    private static float[] Normalize(float[] vector)
    {
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return norm == 0 ? vector : [.. vector.Select(v => v / norm)];
    }
}
