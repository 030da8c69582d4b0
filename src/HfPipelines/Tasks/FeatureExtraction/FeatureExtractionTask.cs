using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Onnx;
using HfPipelines.Pipelines;
using HfPipelines.Remote;
using HfPipelines.Remote.Http;

namespace HfPipelines.Tasks;

/// <summary>
/// feature-extraction (embeddings): a text; <c>normalize</c> (top level, as TEI and the router take it, or in
/// <c>parameters</c>) and <c>parameters.pooling</c> (mean, cls, none); one pooled vector <c>[d]</c>, or
/// <c>[[d], ...]</c> per token. Remote: the router's and TEI's <c>{inputs, normalize}</c>, or <c>{model, input}</c> at
/// an OpenAI-compatible <c>/v1/embeddings</c>; a token-level answer is pooled here as the options ask.
/// </summary>
public sealed class FeatureExtractionTask : PipelineTask<string, FeatureExtractionOptions, FeatureExtractionResult>
{
    internal FeatureExtractionTask()
        : base(PipelineTaskNames.FeatureExtraction, TaskInputKind.Text, "Embed texts as vectors.", "embeddings")
    {
    }

    /// <inheritdoc />
    public override string? DefaultModel => Hub.EmbeddedModel.RepoId;

    /// <inheritdoc />
    public override IReadOnlyList<TaskArgument> Arguments { get; } =
    [
        TaskArgument.Input("text", TaskArgumentType.String, "The text to embed."),
        TaskArgument.Parameter("normalize", TaskArgumentType.Boolean, "Scale the vector to length 1."),
        TaskArgument.Parameter("pooling", TaskArgumentType.String, "mean, cls or none (one vector per token); default: the model's."),
    ];

    /// <inheritdoc />
    public override IReadOnlyList<LocalTaskFactory> LocalFactories { get; } =
    [
        new("onnx", (path, options) => LocalModelKinds.IsEncoder(path) ? OnnxPipelines.CreateFeatureExtraction(path, options) : null),
    ];

    /// <inheritdoc />
    public override (IReadOnlyList<string> Items, bool Batch) ReadInputs(TaskRequest request) => ReadTexts(request);

    /// <inheritdoc />
    public override FeatureExtractionOptions ReadOptions(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new FeatureExtractionOptions
        {
            Normalize = request.Root.Bool("normalize") ?? request.Parameters.Bool("normalize"),
            Pooling = request.Parameters.Enum<PoolingMode>("pooling") ?? PoolingMode.Default,
        };
    }

    /// <inheritdoc />
    public override object? WriteResult(FeatureExtractionResult result, FeatureExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Vectors.Count == 1 ? result.Vectors[0] : result.Vectors;
    }

    /// <inheritdoc />
    public override async Task<FeatureExtractionResult> RunRemoteAsync(IRemoteTaskClient client, string input, FeatureExtractionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var text = RequireText(input);
        var openAi = client.EndpointKind == RemoteEndpointKind.OpenAICompatible;
        var body = openAi ? new JsonObject { ["model"] = client.Model, ["input"] = text } : WriteRequest(text, options);
        var answer = await client.PostJsonAsync(body, cancellationToken).ConfigureAwait(false);
        return openAi ? ReadOpenAIResponse(answer, options) : ReadResponse(answer, text, options);
    }

    /// <inheritdoc />
    public override JsonObject WriteRequest(string input, FeatureExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = new JsonObject { ["inputs"] = RequireText(input) };
        if (options.Normalize is { } normalize)
        {
            body["normalize"] = normalize;
        }

        return body;
    }

    /// <inheritdoc />
    public override FeatureExtractionResult ReadResponse(JsonElement answer, string input, FeatureExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var vectors = Depth(answer) switch
        {
            1 => [RemoteJson.Vector(answer, Name)],
            2 => answer.EnumerateArray().Select(v => RemoteJson.Vector(v, Name)).ToList(),
            3 when answer.GetArrayLength() == 1 => Pool(answer[0].EnumerateArray().Select(v => RemoteJson.Vector(v, Name)).ToList(), options.Pooling),
            _ => throw RemoteJson.Shape(Name, "[d], [[d]] or [[[d]]] numbers for one input", answer),
        };
        return new FeatureExtractionResult(options.Normalize == true ? [.. vectors.Select(Normalize)] : vectors);
    }

    /// <summary>Reads an OpenAI-compatible <c>/v1/embeddings</c> answer (<c>{data: [{embedding}]}</c>).</summary>
    /// <param name="answer">The answer.</param>
    /// <param name="options">The options (normalize).</param>
    /// <returns>The result.</returns>
    public FeatureExtractionResult ReadOpenAIResponse(JsonElement answer, FeatureExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array || data.GetArrayLength() == 0)
        {
            throw RemoteJson.Shape(Name, "{data: [{embedding}]}", answer);
        }

        var vector = data[0].TryGetProperty("embedding", out var embedding) ? RemoteJson.Vector(embedding, Name) : throw RemoteJson.Shape(Name, "{embedding: [...]}", data[0]);
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
