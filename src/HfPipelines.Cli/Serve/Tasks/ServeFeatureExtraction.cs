using HfPipelines.Tasks;

namespace HfPipelines.Cli.Serve.Tasks;

/// <summary>
/// feature-extraction: <c>normalize</c> (top level, as TEI and the router take it, or in <c>parameters</c>) and
/// <c>parameters.pooling</c> (mean, cls, none) -> one pooled vector <c>[d]</c>, or <c>[[d], ...]</c> per token.
/// </summary>
internal sealed class ServeFeatureExtraction() : ServeTask<string, FeatureExtractionOptions, FeatureExtractionResult>(PipelineTasks.FeatureExtraction)
{
    protected override FeatureExtractionOptions Options(ServeInput input) => new()
    {
        Normalize = input.Root.Bool("normalize") ?? input.Parameters.Bool("normalize"),
        Pooling = input.Parameters.Enum<PoolingMode>("pooling") ?? PoolingMode.Default,
    };

    protected override (IReadOnlyList<string> Items, bool Batch) Inputs(ServeInput input) => Texts(input);

    protected override object? Shape(FeatureExtractionResult result, FeatureExtractionOptions options) =>
        result.Vectors.Count == 1 ? result.Vectors[0] : result.Vectors;
}
