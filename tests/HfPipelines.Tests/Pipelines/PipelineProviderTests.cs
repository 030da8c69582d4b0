using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Tests.Tasks.Summarization;
using HfPipelines.Composition;

namespace HfPipelines.Tests.Pipelines;

public class PipelineProviderTests
{
    [Fact]
    public async Task GetAsync_ConcurrentCalls_LoadOnceAndShare()
    {
        var loads = 0;
        var gate = new TaskCompletionSource();
        var registration = new PipelineRegistration(PipelineTasks.FeatureExtraction, "fake", async (model, ct) =>
        {
            Interlocked.Increment(ref loads);
            await gate.Task;
            return new FakeEmbeddingPipeline(_ => [1f]);
        });
        using var provider = new PipelineProvider([registration]);

        var calls = Enumerable.Range(0, 8).Select(_ => provider.GetFeatureExtractionAsync("org/model").AsTask()).ToList();
        gate.SetResult();
        var pipelines = await Task.WhenAll(calls);

        Assert.Equal(1, loads);
        Assert.All(pipelines, p => Assert.Same(pipelines[0], p));
        Assert.Equal(1, provider.LoadedCount);
    }

    [Fact]
    public async Task GetAsync_NoModel_UsesEmbeddedDefaultForEmbeddings()
    {
        string? asked = null;
        var registration = new PipelineRegistration(PipelineTasks.FeatureExtraction, "fake", (model, ct) =>
        {
            asked = model;
            return ValueTask.FromResult<object?>(new FakeEmbeddingPipeline(_ => [1f]));
        });
        using var provider = new PipelineProvider([registration]);

        await provider.GetAsync<string, FeatureExtractionOptions, FeatureExtractionResult>("embeddings");

        Assert.Equal(PipelineProviderOptions.EmbeddedModelId, asked);
    }

    [Fact]
    public async Task GetAsync_FailedLoad_IsRetriedOnNextCall()
    {
        var attempts = 0;
        var registration = new PipelineRegistration(PipelineTasks.FeatureExtraction, "fake", (model, ct) =>
            ++attempts == 1
                ? throw new ModelLoadException("first load fails")
                : ValueTask.FromResult<object?>(new FakeEmbeddingPipeline(_ => [1f])));
        using var provider = new PipelineProvider([registration]);

        await Assert.ThrowsAsync<ModelLoadException>(() => provider.GetFeatureExtractionAsync("m").AsTask());
        var pipeline = await provider.GetFeatureExtractionAsync("m");

        Assert.NotNull(pipeline);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task GetAsync_FirstBackendDeclines_TriesNext()
    {
        var declining = new PipelineRegistration(PipelineTasks.FeatureExtraction, "gguf", (m, ct) => ValueTask.FromResult<object?>(null));
        var serving = new PipelineRegistration(PipelineTasks.FeatureExtraction, "onnx", (m, ct) => ValueTask.FromResult<object?>(new FakeEmbeddingPipeline(_ => [2f])));
        using var provider = new PipelineProvider([declining, serving]);

        var pipeline = await provider.GetFeatureExtractionAsync("m");

        var result = await pipeline.RunAsync("x");
        Assert.Equal(2f, Assert.Single(result.Vector));
    }

    [Fact]
    public async Task GetAsync_NoBackendServes_ThrowsNamingTriedBackends()
    {
        var declining = new PipelineRegistration(PipelineTasks.FeatureExtraction, "gguf", (m, ct) => ValueTask.FromResult<object?>(null));
        using var provider = new PipelineProvider([declining]);

        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => provider.GetFeatureExtractionAsync("org/x").AsTask());

        Assert.Contains("org/x", ex.Message);
        Assert.Contains("gguf", ex.Message);
    }

    [Fact]
    public async Task GetAsync_UnknownTask_ThrowsUnknownTask()
    {
        using var provider = new PipelineProvider([]);
        await Assert.ThrowsAsync<UnknownTaskException>(() => provider.GetAsync<string, FillMaskOptions, object>("text-to-music", "m").AsTask());
    }

    [Fact]
    public async Task Dispose_DisposesLoadedPipelines()
    {
        var created = new FakeEmbeddingPipeline(_ => [1f]);
        var provider = new PipelineProvider([new PipelineRegistration(PipelineTasks.FeatureExtraction, "fake", (m, ct) => ValueTask.FromResult<object?>(created))]);
        await provider.GetFeatureExtractionAsync("m");

        provider.Dispose();

        Assert.True(created.Disposed);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => provider.GetFeatureExtractionAsync("m").AsTask());
    }
}
