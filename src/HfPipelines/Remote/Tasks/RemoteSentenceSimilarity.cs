using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Remote.Http;
using HfPipelines.Tasks;

namespace HfPipelines.Remote.Tasks;

/// <summary>sentence-similarity: <c>{inputs: {source_sentence, sentences}}</c> -> <c>[score, ...]</c>.</summary>
internal sealed class RemoteSentenceSimilarity() : RemoteTask<SentenceSimilarityInput, FeatureExtractionOptions, IReadOnlyList<float>>(PipelineTasks.SentenceSimilarity)
{
    public override async Task<IReadOnlyList<float>> RunAsync(RemoteCall call, SentenceSimilarityInput input, FeatureExtractionOptions options, CancellationToken cancellationToken)
    {
        var answer = await call.Client.PostJsonAsync(call.Routes.Task(Task, call.Model), Body(input), Task, cancellationToken).ConfigureAwait(false);
        var scores = RemoteJson.Vector(RemoteJson.UnwrapBatch(answer), Task);
        return scores.Length == input.Sentences.Count ? scores : throw RemoteJson.Shape(Task, $"{input.Sentences.Count} scores", answer);
    }

    public static JsonObject Body(SentenceSimilarityInput input)
    {
        if (string.IsNullOrWhiteSpace(input.SourceSentence) || input.Sentences is not { Count: > 0 })
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
}
