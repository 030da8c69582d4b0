using System.Globalization;
using System.Net;
using HfPipelines.Remote;
using HfPipelines.Tasks;
using HfPipelines.Tests.FakeRouter;

namespace HfPipelines.Tests.Remote;

public sealed class RemoteResilienceTests
{
    private const string Model = "org/model";
    private const string Ok = """[{"label":"POSITIVE","score":0.9}]""";

    [Fact]
    public async Task RunAsync_ModelLoading503_WaitsEstimatedTimeThenSucceeds()
    {
        await using var server = FakeRouterServer.Sequence(
            FakeResponse.Json("""{"error":"Model org/model is currently loading","estimated_time":20.0}""", 503),
            FakeResponse.Json(Ok));
        var test = new RemoteTestOptions(server.BaseUrl);
        using var remote = new RemotePipelines(test.Options);

        var labels = await remote.TextClassification(Model).RunAsync("x");

        Assert.Equal("POSITIVE", labels[0].Label);
        var retry = Assert.Single(test.Retries);
        Assert.Equal("model loading", retry.Reason);
        Assert.Equal(TimeSpan.FromSeconds(20), retry.Delay);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, retry.StatusCode);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task RunAsync_ModelLoadingPastBudget_StopsWithTheLoadingError()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("""{"error":"Model org/model is currently loading","estimated_time":20.0}""", 503));
        var test = new RemoteTestOptions(server.BaseUrl);
        test.Options.Resilience.MaxModelLoadingWait = TimeSpan.FromSeconds(30);
        using var remote = new RemotePipelines(test.Options);

        var error = await Assert.ThrowsAsync<RemoteInferenceException>(() => remote.TextClassification(Model).RunAsync("x"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Contains("currently loading", error.ServerMessage, StringComparison.Ordinal);
        Assert.Equal([TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10)], test.Retries.Select(r => r.Delay));
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task RunAsync_429WithRetryAfterSeconds_WaitsThatLong()
    {
        await using var server = FakeRouterServer.Sequence(
            FakeResponse.Error(429, "Too many requests", new Dictionary<string, string> { ["Retry-After"] = "3" }),
            FakeResponse.Json(Ok));
        var test = new RemoteTestOptions(server.BaseUrl);
        using var remote = new RemotePipelines(test.Options);

        await remote.TextClassification(Model).RunAsync("x");

        var retry = Assert.Single(test.Retries);
        Assert.Equal(("Retry-After", TimeSpan.FromSeconds(3)), (retry.Reason, retry.Delay));
    }

    [Fact]
    public async Task RunAsync_429WithRetryAfterDate_WaitsUntilThatDate()
    {
        var test = new RemoteTestOptions(new Uri("http://127.0.0.1"));
        var date = test.Time.GetUtcNow().AddSeconds(7).ToString("R", CultureInfo.InvariantCulture);
        await using var server = FakeRouterServer.Sequence(
            FakeResponse.Error(429, "slow down", new Dictionary<string, string> { ["Retry-After"] = date }),
            FakeResponse.Json(Ok));
        test.Options.BaseUrl = server.BaseUrl;
        using var remote = new RemotePipelines(test.Options);

        await remote.TextClassification(Model).RunAsync("x");

        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(test.Retries).Delay);
    }

    [Theory]
    [InlineData("RateLimit", "\"api\";r=0;t=12", 12)]
    [InlineData("RateLimit", "limit=100, remaining=0, reset=9", 9)]
    [InlineData("RateLimit-Reset", "5", 5)]
    public async Task RunAsync_429WithRateLimitHeaders_WaitsForReset(string header, string value, int seconds)
    {
        await using var server = FakeRouterServer.Sequence(
            FakeResponse.Error(429, "rate limited", new Dictionary<string, string> { [header] = value }),
            FakeResponse.Json(Ok));
        var test = new RemoteTestOptions(server.BaseUrl);
        using var remote = new RemotePipelines(test.Options);

        await remote.TextClassification(Model).RunAsync("x");

        Assert.Equal(("RateLimit", TimeSpan.FromSeconds(seconds)), (Assert.Single(test.Retries).Reason, test.Retries[0].Delay));
    }

    [Fact]
    public async Task RunAsync_Retry500_BacksOffExponentially()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Error(500, "boom"), FakeResponse.Error(502, "boom"), FakeResponse.Json(Ok));
        var test = new RemoteTestOptions(server.BaseUrl);
        using var remote = new RemotePipelines(test.Options);

        await remote.TextClassification(Model).RunAsync("x");

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], test.Retries.Select(r => r.Delay));
        Assert.All(test.Retries, r => Assert.Equal("backoff", r.Reason));
    }

    [Fact]
    public async Task RunAsync_DroppedConnection_RetriesAndSucceeds()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Dropped(), FakeResponse.Json(Ok));
        var test = new RemoteTestOptions(server.BaseUrl);
        using var remote = new RemotePipelines(test.Options);

        var labels = await remote.TextClassification(Model).RunAsync("x");

        Assert.Equal("POSITIVE", labels[0].Label);
        Assert.Null(Assert.Single(test.Retries).StatusCode);
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task RunAsync_ClientError_NotRetriedAndTyped(int status)
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Error(status, "the server says no"));
        var test = new RemoteTestOptions(server.BaseUrl);
        using var remote = new RemotePipelines(test.Options);

        var error = await Assert.ThrowsAsync<RemoteInferenceException>(() => remote.TextClassification(Model).RunAsync("x"));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal("the server says no", error.ServerMessage);
        Assert.Single(server.Requests);
        Assert.Empty(test.Retries);
        if (status == 401)
        {
            Assert.Contains("HF_TOKEN", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_MalformedJson_ThrowsFormatErrorNamingIt()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("{not json"));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl).Options);

        var error = await Assert.ThrowsAsync<RemoteResponseFormatException>(() => remote.TextClassification(Model).RunAsync("x"));

        Assert.Contains("malformed JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("text-classification", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task RunAsync_UnexpectedShape_ThrowsFormatErrorWithExpectedShape()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("""{"foo":1}"""));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl).Options);

        var error = await Assert.ThrowsAsync<RemoteResponseFormatException>(() => remote.Summarization(Model).RunAsync("x"));

        Assert.Contains("summary_text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SlowResponse_PerAttemptTimeoutRetriesThenThrowsTimeout()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Hanging());
        var test = new RemoteTestOptions(server.BaseUrl);
        test.Options.Resilience.MaxRetryAttempts = 1;
        test.Options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(10);
        using var remote = new RemotePipelines(test.Options);

        var call = remote.TextClassification(Model).RunAsync("x");
        await server.WaitForRequestAsync();
        test.Time.Advance(TimeSpan.FromSeconds(11));
        await server.WaitForRequestAsync();
        test.Time.Advance(TimeSpan.FromSeconds(11));
        var error = await Assert.ThrowsAsync<RemoteTimeoutException>(() => call);

        Assert.Equal(TimeSpan.FromSeconds(10), error.Timeout);
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("AttemptTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TotalTimeoutRunsOut_ThrowsTimeoutNamingTotal()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Hanging());
        var test = new RemoteTestOptions(server.BaseUrl);
        test.Options.Resilience.TotalTimeout = TimeSpan.FromSeconds(30);
        using var remote = new RemotePipelines(test.Options);

        var call = remote.TextClassification(Model).RunAsync("x");
        await server.WaitForRequestAsync();
        test.Time.Advance(TimeSpan.FromSeconds(31));
        var error = await Assert.ThrowsAsync<RemoteTimeoutException>(() => call);

        Assert.Equal(TimeSpan.FromSeconds(30), error.Timeout);
        Assert.Contains("TotalTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CallerCancels_ThrowsOperationCanceledNotTimeout()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Hanging());
        var test = new RemoteTestOptions(server.BaseUrl);
        using var remote = new RemotePipelines(test.Options);
        using var cancel = new CancellationTokenSource();

        var call = remote.TextClassification(Model).RunAsync("x", cancellationToken: cancel.Token);
        await server.WaitForRequestAsync();
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.IsNotType<RemoteTimeoutException>(error);
        Assert.Empty(test.Retries);
    }

    [Fact]
    public async Task RunAsync_500Burst_OpensCircuitAndFailsFastWithoutCallingServer()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Error(500, "down"));
        var test = new RemoteTestOptions(server.BaseUrl);
        test.Options.Resilience.MaxRetryAttempts = 3;
        test.Options.Resilience.CircuitMinimumThroughput = 2;
        using var remote = new RemotePipelines(test.Options);
        var pipeline = remote.TextClassification(Model);

        await Assert.ThrowsAsync<RemoteCircuitOpenException>(() => pipeline.RunAsync("x"));
        var calls = server.Requests.Count;
        var second = await Assert.ThrowsAsync<RemoteCircuitOpenException>(() => pipeline.RunAsync("x"));

        Assert.Equal(2, calls);
        Assert.Equal(calls, server.Requests.Count);
        Assert.Contains("failing fast", second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ServerDown_ThrowsRemoteInferenceExceptionAfterRetries()
    {
        var server = FakeRouterServer.Sequence(FakeResponse.Json(Ok));
        var url = server.BaseUrl;
        await server.DisposeAsync();
        var test = new RemoteTestOptions(url);
        test.Options.Resilience.MaxRetryAttempts = 2;
        using var remote = new RemotePipelines(test.Options);

        var error = await Assert.ThrowsAnyAsync<RemoteInferenceException>(() => remote.TextClassification(Model).RunAsync("x"));

        Assert.Null(error.StatusCode);
        Assert.Equal(2, test.Retries.Count);
    }
}
