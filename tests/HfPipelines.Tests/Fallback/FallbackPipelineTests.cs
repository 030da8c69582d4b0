using HfPipelines.Fallback;
using HfPipelines.Pipelines;
using HfPipelines.Remote;
using HfPipelines.Tests.Remote;

namespace HfPipelines.Tests.Fallback;

public sealed class FallbackPipelineTests
{
    private const string Task = "text-classification";

    private static Func<CancellationToken, ValueTask<IPipeline<string, FakeOptions, string>>> Loads(IPipeline<string, FakeOptions, string> pipeline) =>
        _ => ValueTask.FromResult(pipeline);

    private static Func<CancellationToken, ValueTask<IPipeline<string, FakeOptions, string>>> FailsToLoad(Func<int> count) =>
        _ =>
        {
            count();
            throw new ModelLoadException("model.onnx is missing from the model folder.");
        };

    [Fact]
    public async Task RunAsync_LocalLoadFails_FallsBackToRemoteAndLogsWhy()
    {
        var loads = 0;
        var remote = new FakePipeline(BackendNames.Remote, s => $"remote:{s}");
        var logger = new CapturingLogger();
        using var pipeline = new FallbackPipeline<string, FakeOptions, string>(Task, FallbackPolicy.LocalThenRemote, FailsToLoad(() => ++loads), remote, logger);

        var first = await pipeline.RunAsync("a");
        var second = await pipeline.RunAsync("b");

        Assert.Equal(("remote:a", "remote:b"), (first, second));
        Assert.Equal(BackendNames.Remote, pipeline.Backend);
        Assert.Equal(1, loads);
        Assert.Contains(logger.Messages, m => m.Contains("model.onnx is missing", StringComparison.Ordinal) && m.Contains("falling back to remote", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_LocalWorks_RemoteNotCalled()
    {
        var local = new FakePipeline(BackendNames.Local, s => $"local:{s}");
        var remote = new FakePipeline(BackendNames.Remote, s => $"remote:{s}");
        using var pipeline = new FallbackPipeline<string, FakeOptions, string>(Task, FallbackPolicy.LocalThenRemote, Loads(local), remote);

        Assert.Equal("local:a", await pipeline.RunAsync("a"));
        Assert.Equal(0, remote.Calls);
        Assert.Equal(BackendNames.Local, pipeline.Backend);
    }

    [Fact]
    public async Task RunAsync_BadInput_DoesNotFallBack()
    {
        var local = new FakePipeline(BackendNames.Local, _ => throw new InvalidPipelineInputException("The text is empty."));
        var remote = new FakePipeline(BackendNames.Remote, s => s);
        using var pipeline = new FallbackPipeline<string, FakeOptions, string>(Task, FallbackPolicy.LocalThenRemote, Loads(local), remote);

        await Assert.ThrowsAsync<InvalidPipelineInputException>(() => pipeline.RunAsync(""));
        Assert.Equal(0, remote.Calls);
    }

    [Fact]
    public async Task RunAsync_RemoteThenLocal_RemoteFailureFallsBackToLocal()
    {
        var local = new FakePipeline(BackendNames.Local, s => $"local:{s}");
        var remote = new FakePipeline(BackendNames.Remote, _ => throw new RemoteTimeoutException("timed out"));
        using var pipeline = new FallbackPipeline<string, FakeOptions, string>(Task, FallbackPolicy.RemoteThenLocal, Loads(local), remote);

        var results = await pipeline.RunBatchAsync(["a", "b"]);

        Assert.Equal(["local:a", "local:b"], results);
        Assert.Equal(1, remote.Calls);
        Assert.Equal(BackendNames.Local, pipeline.Backend);
    }

    [Fact]
    public async Task RunAsync_BothFail_ThrowsAllBackendsFailedWithBothErrors()
    {
        var remote = new FakePipeline(BackendNames.Remote, _ => throw new RemoteInferenceException("404 from router"));
        using var pipeline = new FallbackPipeline<string, FakeOptions, string>(Task, FallbackPolicy.LocalThenRemote, FailsToLoad(() => 0), remote);

        var error = await Assert.ThrowsAsync<AllBackendsFailedException>(() => pipeline.RunAsync("a"));

        Assert.Collection(error.Errors, e => Assert.IsType<ModelLoadException>(e), e => Assert.IsType<RemoteInferenceException>(e));
        Assert.Contains("local: ModelLoadException", error.Message, StringComparison.Ordinal);
        Assert.Contains("remote: RemoteInferenceException", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_LocalOnly_ErrorReachesCallerUnwrapped()
    {
        using var pipeline = new FallbackPipeline<string, FakeOptions, string>(Task, FallbackPolicy.LocalOnly, FailsToLoad(() => 0), remote: null);

        await Assert.ThrowsAsync<ModelLoadException>(() => pipeline.RunAsync("a"));
    }

    [Fact]
    public async Task RunAsync_NoLocalFactory_LocalThenRemoteUsesRemote()
    {
        var remote = new FakePipeline(BackendNames.Remote, s => $"remote:{s}");
        using var pipeline = new FallbackPipeline<string, FakeOptions, string>(Task, FallbackPolicy.LocalThenRemote, localFactory: null, remote);

        Assert.Equal("remote:a", await pipeline.RunAsync("a"));
    }

    [Fact]
    public async Task RunAsync_CallerCancels_DoesNotFallBack()
    {
        var local = new FakePipeline(BackendNames.Local, s => s);
        var remote = new FakePipeline(BackendNames.Remote, s => s);
        using var pipeline = new FallbackPipeline<string, FakeOptions, string>(Task, FallbackPolicy.LocalThenRemote, Loads(local), remote);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.RunAsync("a", cancellationToken: cancel.Token));
        Assert.Equal(0, remote.Calls);
    }

    [Fact]
    public void Constructor_RemoteOnlyWithoutRemote_ThrowsNamingThePolicy()
    {
        var error = Assert.Throws<ArgumentException>(() => new FallbackPipeline<string, FakeOptions, string>(Task, FallbackPolicy.RemoteOnly, null, null));

        Assert.Contains("RemoteOnly", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_OwnsPipelines_DisposesLoadedLocalAndRemote()
    {
        var local = new FakePipeline(BackendNames.Local, s => s);
        var remote = new FakePipeline(BackendNames.Remote, s => s);
        var pipeline = new FallbackPipeline<string, FakeOptions, string>(Task, FallbackPolicy.LocalThenRemote, Loads(local), remote, ownsPipelines: true);
        await pipeline.RunAsync("a");

        pipeline.Dispose();

        Assert.True(local.Disposed);
        Assert.True(remote.Disposed);
    }

    [Fact]
    public void PolicyFor_AliasAndDefaults_ResolveTaskPolicy()
    {
        var options = FallbackOptions.For(new RemoteInferenceOptions { Token = "hf_x" });
        options.TaskPolicies["ner"] = FallbackPolicy.RemoteOnly;

        Assert.Equal(FallbackPolicy.LocalThenRemote, options.DefaultPolicy);
        Assert.Equal(FallbackPolicy.RemoteOnly, options.PolicyFor("token-classification"));
        Assert.Equal(FallbackPolicy.LocalThenRemote, options.PolicyFor("fill-mask"));
        Assert.Equal(FallbackPolicy.LocalOnly, FallbackOptions.For(new RemoteInferenceOptions()).DefaultPolicy);
    }
}
