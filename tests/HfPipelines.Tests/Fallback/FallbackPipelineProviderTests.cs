using HfPipelines.Fallback;
using HfPipelines.Pipelines;
using HfPipelines.Remote;
using HfPipelines.Tasks;
using HfPipelines.Tests.FakeRouter;
using HfPipelines.Tests.Remote;

namespace HfPipelines.Tests.Fallback;

public sealed class FallbackPipelineProviderTests
{
    [Fact]
    public async Task GetAsync_LocalModelMissing_RouterAnswersThroughTheSameContract()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("""[{"label":"POSITIVE","score":0.9}]"""));
        var test = new RemoteTestOptions(server.BaseUrl);
        using var remote = new RemotePipelines(test.Options);
        var local = new MissingModelProvider();
        var provider = new FallbackPipelineProvider(local, new RemotePipelineProvider(remote), FallbackOptions.For(test.Options));

        var pipeline = await provider.GetTextClassificationAsync("org/model@main");
        var labels = await pipeline.RunAsync("great");

        Assert.Equal("POSITIVE", Assert.Single(labels).Label);
        Assert.Equal(BackendNames.Remote, Assert.IsAssignableFrom<IBackendInfo>(pipeline).Backend);
        Assert.Equal("/hf-inference/models/org/model", Assert.Single(server.Requests).Path);
        Assert.Equal(1, local.Calls);
        Assert.Same(pipeline, await provider.GetTextClassificationAsync("org/model@main"));
    }

    [Fact]
    public async Task GetAsync_NoRemoteProvider_LocalOnlyErrorReachesCaller()
    {
        var provider = new FallbackPipelineProvider(new MissingModelProvider(), null, new FallbackOptions { DefaultPolicy = FallbackPolicy.LocalThenRemote });

        var pipeline = await provider.GetTextClassificationAsync("org/model");

        await Assert.ThrowsAsync<ModelLoadException>(() => pipeline.RunAsync("x"));
    }

    private sealed class MissingModelProvider : IPipelineProvider
    {
        public int Calls { get; private set; }

        public ValueTask<IPipeline<TInput, TOptions, TResult>> GetAsync<TInput, TOptions, TResult>(string task, string? model = null, CancellationToken cancellationToken = default)
            where TOptions : class
        {
            Calls++;
            throw new ModelLoadException($"No ONNX model found for {model}.");
        }

        public void Dispose()
        {
        }
    }
}
