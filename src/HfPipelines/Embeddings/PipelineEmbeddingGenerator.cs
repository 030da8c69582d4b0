using HfPipelines.Onnx;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using Microsoft.Extensions.AI;

namespace HfPipelines.Embeddings;

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over a feature-extraction pipeline: one pooled (and, for
/// sentence-transformers models, normalised) vector per text, computed in padded batches. Thread-safe.
/// </summary>
public sealed class PipelineEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly IPipeline<string, FeatureExtractionOptions, FeatureExtractionResult> _pipeline;
    private readonly FeatureExtractionOptions? _featureOptions;
    private readonly bool _ownsPipeline;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Wraps a feature-extraction pipeline.</summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="modelId">The model name reported in the metadata and on each embedding.</param>
    /// <param name="ownsPipeline">True: disposing the generator disposes the pipeline. False: it is borrowed.</param>
    /// <param name="featureOptions">Pooling and normalisation, or null for the model's own.</param>
    public PipelineEmbeddingGenerator(
        IPipeline<string, FeatureExtractionOptions, FeatureExtractionResult> pipeline,
        string? modelId = null,
        bool ownsPipeline = false,
        FeatureExtractionOptions? featureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
        _ownsPipeline = ownsPipeline;
        _featureOptions = featureOptions;
        ModelId = modelId;
        _metadata = new EmbeddingGeneratorMetadata("hfpipelines-onnx", null, modelId);
    }

    /// <summary>The model name, if known.</summary>
    public string? ModelId { get; }

    /// <summary>Loads a sentence-embedding model folder (e.g. all-MiniLM-L6-v2) into a generator that owns it.</summary>
    /// <param name="modelFolder">The model folder.</param>
    /// <param name="options">Loading and batching options, or null for the defaults.</param>
    /// <returns>The generator; disposing it unloads the model.</returns>
    public static PipelineEmbeddingGenerator FromFolder(string modelFolder, OnnxPipelineOptions? options = null) =>
        new(OnnxPipelines.CreateFeatureExtraction(modelFolder, options), Path.GetFileName(Path.TrimEndingDirectorySeparator(modelFolder)), ownsPipeline: true);

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as IReadOnlyList<string> ?? values.ToList();
        var results = await _pipeline.RunBatchAsync(texts, _featureOptions, cancellationToken).ConfigureAwait(false);
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(results.Count);
        foreach (var result in results)
        {
            var vector = result.Vector;
            if (options?.Dimensions is int dimensions && dimensions != vector.Length)
            {
                throw new InvalidPipelineInputException($"The model gives {vector.Length}-dimensional embeddings; {dimensions} were asked for. Leave EmbeddingGenerationOptions.Dimensions unset or set it to {vector.Length}.");
            }

            embeddings.Add(new Embedding<float>(vector) { ModelId = options?.ModelId ?? ModelId, CreatedAt = DateTimeOffset.UtcNow });
        }

        return embeddings;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : serviceType.IsInstanceOfType(_pipeline) ? _pipeline : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsPipeline)
        {
            _pipeline.Dispose();
        }
    }
}
