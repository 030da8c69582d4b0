using HfPipelines.Embeddings;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Tests.Onnx;
using Microsoft.Extensions.AI;

namespace HfPipelines.Tests.Embeddings;

public sealed class PipelineEmbeddingGeneratorTests
{
    [Fact]
    public async Task GenerateAsync_FakePipeline_OneEmbeddingPerTextInOrder()
    {
        var pipeline = new FakeFeaturePipeline();
        using var generator = new PipelineEmbeddingGenerator(pipeline, "fake");

        var embeddings = await generator.GenerateAsync(["a", "bbb"]);

        Assert.Equal([[1f], [3f]], embeddings.Select(e => e.Vector.ToArray()));
        Assert.All(embeddings, e => Assert.Equal("fake", e.ModelId));
        Assert.False(pipeline.Disposed);
    }

    [Fact]
    public void GetService_Metadata_ReturnsProviderAndModel()
    {
        using var generator = new PipelineEmbeddingGenerator(new FakeFeaturePipeline(), "fake");

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal("fake", metadata!.DefaultModelId);
        Assert.Null(generator.GetService(typeof(string)));
    }

    [Fact]
    public void Dispose_OwnedPipeline_IsDisposed()
    {
        var pipeline = new FakeFeaturePipeline();

        new PipelineEmbeddingGenerator(pipeline, ownsPipeline: true).Dispose();

        Assert.True(pipeline.Disposed);
    }

    [MiniLmFact]
    public async Task GenerateAsync_MiniLm_SimilarSentencesAreCloser()
    {
        using var generator = PipelineEmbeddingGenerator.FromFolder(MiniLmModel.Folder);

        var e = await generator.GenerateAsync(["The cat sits outside", "A cat is sitting outdoors", "The new movie is awesome"]);

        var related = TensorPrimitivesDot(e[0].Vector.Span, e[1].Vector.Span);
        var unrelated = TensorPrimitivesDot(e[0].Vector.Span, e[2].Vector.Span);
        Assert.Equal(384, e[0].Vector.Length);
        Assert.True(related > unrelated + 0.3f, $"{related} vs {unrelated}");
    }

    private static float TensorPrimitivesDot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private sealed class FakeFeaturePipeline : IPipeline<string, FeatureExtractionOptions, FeatureExtractionResult>
    {
        public bool Disposed { get; private set; }

        public string Task => PipelineTasks.FeatureExtraction;

        public Task<FeatureExtractionResult> RunAsync(string input, FeatureExtractionOptions? options = null, CancellationToken cancellationToken = default) =>
            System.Threading.Tasks.Task.FromResult(new FeatureExtractionResult([[input.Length]]));

        public async Task<IReadOnlyList<FeatureExtractionResult>> RunBatchAsync(IReadOnlyList<string> inputs, FeatureExtractionOptions? options = null, CancellationToken cancellationToken = default)
        {
            var results = new List<FeatureExtractionResult>();
            foreach (var input in inputs)
            {
                results.Add(await RunAsync(input, options, cancellationToken));
            }

            return results;
        }

        public void Dispose() => Disposed = true;
    }
}
