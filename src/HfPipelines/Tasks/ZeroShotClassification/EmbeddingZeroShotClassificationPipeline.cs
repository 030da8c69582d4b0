using HfPipelines.Onnx;
using HfPipelines.Tokenization;

namespace HfPipelines.Tasks;

/// <summary>
/// zero-shot-classification with a sentence-embedding model (e.g. all-MiniLM-L6-v2): the cosine similarity between
/// the text's embedding and each hypothesis's (the template filled with the label). Single-label scores are
/// <c>softmax(cosine / temperature)</c> (<see cref="OnnxPipelineOptions.SimilarityTemperature"/>); multi-label
/// scores, or any scores when the temperature is null, are the raw cosines. Labels best first. Thread-safe.
/// </summary>
public sealed class EmbeddingZeroShotClassificationPipeline : EncoderPipeline<string, ZeroShotClassificationOptions, ZeroShotClassificationResult>
{
    internal EmbeddingZeroShotClassificationPipeline(EncoderContext context)
        : base(PipelineTasks.ZeroShotClassification, context, [new OutputRequirement("last_hidden_state", 3, 2)])
    {
    }

    /// <inheritdoc />
    protected override IReadOnlyList<TokenEncoding> Preprocess(string input, ZeroShotClassificationOptions options)
    {
        var labels = ZeroShotInputs.Labels(options);
        return [Encode(input), .. labels.Select(label => Encode(ZeroShotInputs.Hypothesis(options.HypothesisTemplate, ZeroShotClassificationOptions.EmbeddingHypothesisTemplate, label)))];
    }

    /// <inheritdoc />
    protected override ZeroShotClassificationResult Postprocess(string input, IReadOnlyList<EncoderOutput> outputs, ZeroShotClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var labels = ZeroShotInputs.Labels(options);
        var vectors = outputs.Select(o => EncoderMath.Pool(o.First, o.Encoding.AttentionMask, Config.Pooling, normalize: false)[0]).ToArray();
        var cosines = vectors.Skip(1).Select(v => EncoderMath.Cosine(vectors[0], v)).ToArray();
        var scores = options.MultiLabel || PipelineOptions.SimilarityTemperature is not double temperature
            ? cosines
            : EncoderMath.Softmax(cosines.Select(c => (float)(c / temperature)).ToArray());
        var order = Enumerable.Range(0, labels.Count).OrderByDescending(i => scores[i]).ToArray();
        return new ZeroShotClassificationResult(input, order.Select(i => labels[i]).ToArray(), order.Select(i => scores[i]).ToArray());
    }
}
