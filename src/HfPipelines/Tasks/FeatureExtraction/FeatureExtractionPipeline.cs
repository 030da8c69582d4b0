using HfPipelines.Onnx;
using HfPipelines.Tokenization;

namespace HfPipelines.Tasks;

/// <summary>
/// feature-extraction (embeddings) on an ONNX encoder: the token vectors pooled as the model's sentence-transformers
/// config says (mean when it says nothing; <see cref="FeatureExtractionOptions.Pooling"/> overrides) and
/// L2-normalised when the model has a Normalize module (or when asked). Thread-safe.
/// </summary>
public sealed class FeatureExtractionPipeline : EncoderPipeline<string, FeatureExtractionOptions, FeatureExtractionResult>
{
    internal FeatureExtractionPipeline(EncoderContext context)
        : base(PipelineTasks.FeatureExtraction, context, [new OutputRequirement("last_hidden_state", 3, 2)])
    {
    }

    /// <inheritdoc />
    protected override IReadOnlyList<TokenEncoding> Preprocess(string input, FeatureExtractionOptions options) => [Encode(input)];

    /// <inheritdoc />
    protected override FeatureExtractionResult Postprocess(string input, IReadOnlyList<EncoderOutput> outputs, FeatureExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(options);
        var output = outputs[0];
        var pooling = options.Pooling == PoolingMode.Default ? Config.Pooling : options.Pooling;
        return new FeatureExtractionResult(EncoderMath.Pool(output.First, output.Encoding.AttentionMask, pooling, options.Normalize ?? Config.Normalize));
    }
}
