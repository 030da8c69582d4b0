using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Onnx;
using HfPipelines.Pipelines;
using HfPipelines.Remote.Http;

namespace HfPipelines.Tasks;

/// <summary>sentence-similarity: <c>inputs: {source_sentence, sentences}</c>; <c>normalize</c>; one cosine similarity per sentence, <c>[score, ...]</c>.</summary>
public sealed class SentenceSimilarityTask : PipelineTask<SentenceSimilarityInput, FeatureExtractionOptions, IReadOnlyList<float>>
{
    internal SentenceSimilarityTask()
        : base(PipelineTaskNames.SentenceSimilarity, TaskInputKind.Text, "Score how similar sentences are to a source sentence.")
    {
    }

    /// <inheritdoc />
    public override string? DefaultModel => Hub.EmbeddedModel.RepoId;

    /// <inheritdoc />
    public override bool SupportsBenchmark => false;

    /// <inheritdoc />
    public override IReadOnlyList<TaskArgument> Arguments { get; } =
    [
        TaskArgument.Input("source_sentence", TaskArgumentType.String, "The sentence to compare with."),
        TaskArgument.Input("sentences", TaskArgumentType.StringList, "The sentences to score: a list, or one text separated by commas."),
        TaskArgument.Parameter("normalize", TaskArgumentType.Boolean, "Scale the vectors to length 1 first."),
    ];

    /// <inheritdoc />
    public override IReadOnlyList<LocalTaskFactory> LocalFactories { get; } =
    [
        new("onnx", (path, options) => LocalModelKinds.IsEncoder(path) ? OnnxPipelines.CreateSentenceSimilarity(path, options) : null),
    ];

    /// <inheritdoc />
    public override (IReadOnlyList<SentenceSimilarityInput> Items, bool Batch) ReadInputs(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var inputs = request.Inputs;
        if (inputs.ValueKind != JsonValueKind.Object)
        {
            throw RequestFields.Wrong("inputs", "an object {\"source_sentence\": ..., \"sentences\": [...]}", inputs);
        }

        var fields = new RequestFields(inputs, "inputs");
        var source = RequestFields.Text(inputs.TryGetProperty("source_sentence", out var s) ? s : default, "inputs.source_sentence");
        var sentences = fields.Strings("sentences");
        return sentences is { Count: > 0 }
            ? ([new SentenceSimilarityInput(source, [.. sentences])], false)
            : throw new InvalidPipelineInputException("inputs.sentences must be a non-empty list of strings.");
    }

    /// <inheritdoc />
    public override FeatureExtractionOptions ReadOptions(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new FeatureExtractionOptions { Normalize = request.Parameters.Bool("normalize") };
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<float>> RunRemoteAsync(IRemoteTaskClient client, SentenceSimilarityInput input, FeatureExtractionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var answer = await client.PostJsonAsync(WriteRequest(input, options), cancellationToken).ConfigureAwait(false);
        return ReadResponse(answer, input, options);
    }

    /// <inheritdoc />
    public override JsonObject WriteRequest(SentenceSimilarityInput input, FeatureExtractionOptions options)
    {
        if (input is null || string.IsNullOrWhiteSpace(input.SourceSentence) || input.Sentences is not { Count: > 0 })
        {
            throw new InvalidPipelineInputException("sentence-similarity needs a non-empty source sentence and at least one sentence to compare.");
        }

        return new JsonObject
        {
            ["inputs"] = new JsonObject
            {
                ["source_sentence"] = input.SourceSentence,
                ["sentences"] = new JsonArray([.. input.Sentences.Select(s => (JsonNode?)JsonValue.Create(s))]),
            },
        };
    }

    /// <inheritdoc />
    public override IReadOnlyList<float> ReadResponse(JsonElement answer, SentenceSimilarityInput input, FeatureExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        var scores = RemoteJson.Vector(RemoteJson.UnwrapBatch(answer), Name);
        return scores.Length == input.Sentences.Count ? scores : throw RemoteJson.Shape(Name, $"{input.Sentences.Count} scores", answer);
    }
}
