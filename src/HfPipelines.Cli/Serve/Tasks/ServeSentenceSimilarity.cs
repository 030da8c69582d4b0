using System.Text.Json;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Serve.Tasks;

/// <summary>sentence-similarity: <c>inputs: {source_sentence, sentences}</c> -> <c>[score, ...]</c>.</summary>
internal sealed class ServeSentenceSimilarity() : ServeTask<SentenceSimilarityInput, FeatureExtractionOptions, IReadOnlyList<float>>(PipelineTasks.SentenceSimilarity)
{
    protected override FeatureExtractionOptions Options(ServeInput input) => new() { Normalize = input.Parameters.Bool("normalize") };

    protected override (IReadOnlyList<SentenceSimilarityInput> Items, bool Batch) Inputs(ServeInput input)
    {
        var inputs = input.Inputs;
        if (inputs.ValueKind != JsonValueKind.Object)
        {
            throw RequestFields.Wrong("inputs", "an object {\"source_sentence\": ..., \"sentences\": [...]}", inputs);
        }

        var fields = new RequestFields(inputs, "inputs");
        var source = RequestFields.Text(inputs.TryGetProperty("source_sentence", out var s) ? s : default, "inputs.source_sentence");
        var sentences = fields.Strings("sentences");
        return sentences is { Count: > 0 }
            ? ([new SentenceSimilarityInput(source, [.. sentences])], false)
            : throw ServeRequestException.BadRequest("inputs.sentences must be a non-empty list of strings.");
    }
}
