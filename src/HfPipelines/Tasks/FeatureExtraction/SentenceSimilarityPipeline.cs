using HfPipelines.Onnx;
using HfPipelines.Tokenization;

namespace HfPipelines.Tasks;

/// <summary>
/// sentence-similarity on an ONNX sentence-embedding model: the cosine similarity between the source sentence's
/// pooled embedding and each other sentence's, in order. Thread-safe.
/// </summary>
public sealed class SentenceSimilarityPipeline : EncoderPipeline<SentenceSimilarityInput, FeatureExtractionOptions, IReadOnlyList<float>>
{
    internal SentenceSimilarityPipeline(EncoderContext context)
        : base(PipelineTasks.SentenceSimilarity, context, [new OutputRequirement("last_hidden_state", 3, 2)])
    {
    }

    /// <inheritdoc />
    protected override IReadOnlyList<TokenEncoding> Preprocess(SentenceSimilarityInput input, FeatureExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Sentences is null || input.Sentences.Count == 0)
        {
            throw new InvalidPipelineInputException("sentence-similarity: no sentences to compare with the source sentence. Give at least one.");
        }

        return [Encode(input.SourceSentence), .. input.Sentences.Select(s => Encode(s))];
    }

    /// <inheritdoc />
    protected override IReadOnlyList<float> Postprocess(SentenceSimilarityInput input, IReadOnlyList<EncoderOutput> outputs, FeatureExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(options);
        var pooling = options.Pooling is PoolingMode.Default or PoolingMode.None ? Config.Pooling : options.Pooling;
        var vectors = outputs.Select(o => EncoderMath.Pool(o.First, o.Encoding.AttentionMask, pooling, normalize: true)[0]).ToArray();
        return vectors.Skip(1).Select(v => EncoderMath.Cosine(vectors[0], v)).ToArray();
    }
}
