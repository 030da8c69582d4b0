using HfPipelines.Remote;
using HfPipelines.Tests.FakeRouter;

namespace HfPipelines.Tests.Remote;

public sealed class RemoteTokenTests
{
    private const string Model = "org/model";
    private const string Ok = """[{"label":"POSITIVE","score":0.9}]""";

    [Fact]
    public async Task RunAsync_RouterWithToken_SendsBearerAndBillTo()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json(Ok));
        var test = new RemoteTestOptions(server.BaseUrl);
        test.Options.BillTo = "my-org";
        using var remote = new RemotePipelines(test.Options);

        await remote.TextClassification(Model).RunAsync("x");

        var request = Assert.Single(server.Requests);
        Assert.Equal($"Bearer {RemoteTestOptions.Token}", request.Header("Authorization"));
        Assert.Equal("my-org", request.Header("X-HF-Bill-To"));
    }

    [Fact]
    public async Task RunAsync_EndpointNotGivenTheToken_SendsNoAuthorization()
    {
        await using var other = FakeRouterServer.Sequence(FakeResponse.Json(Ok));
        var selection = BackendSelection.Resolve("remote", other.BaseUrl.ToString(), null, name => name == "HF_TOKEN" ? RemoteTestOptions.Token : null);
        using var remote = new RemotePipelines(selection.Remote!);

        await remote.TextClassification().RunAsync("x");

        var request = Assert.Single(other.Requests);
        Assert.Null(request.Header("Authorization"));
        Assert.Null(request.Header("X-HF-Bill-To"));
    }

    [Fact]
    public async Task RunAsync_EndpointGivenTheToken_SendsIt()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json(Ok));
        using var remote = new RemotePipelines(RemoteInferenceOptions.ForEndpoint(server.BaseUrl, token: RemoteTestOptions.Token));

        await remote.TextClassification().RunAsync("x");

        Assert.Equal($"Bearer {RemoteTestOptions.Token}", Assert.Single(server.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task RunAsync_RedirectToOtherHost_DropsTheToken()
    {
        await using var other = FakeRouterServer.Sequence(FakeResponse.Json(Ok));
        await using var router = FakeRouterServer.Sequence(FakeResponse.Redirect(new Uri(other.BaseUrl, "/elsewhere")));
        using var remote = new RemotePipelines(new RemoteTestOptions(router.BaseUrl).Options);

        var labels = await remote.TextClassification(Model).RunAsync("x");

        Assert.Equal("POSITIVE", labels[0].Label);
        Assert.NotNull(Assert.Single(router.Requests).Header("Authorization"));
        var redirected = Assert.Single(other.Requests);
        Assert.Equal("/elsewhere", redirected.Path);
        Assert.Null(redirected.Header("Authorization"));
        Assert.Equal("x", redirected.Json.GetProperty("inputs").GetString());
    }

    [Fact]
    public async Task RunAsync_ErrorsAndRetries_NeverLogOrThrowTheToken()
    {
        await using var server = FakeRouterServer.Sequence(
            FakeResponse.Error(503, "overloaded"),
            FakeResponse.Error(401, $"Invalid credentials in Authorization header: Bearer {RemoteTestOptions.Token}"));
        var logger = new CapturingLogger();
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl).Options, logger);

        var error = await Assert.ThrowsAsync<RemoteInferenceException>(() => remote.TextClassification(Model).RunAsync("x"));

        Assert.NotEmpty(logger.Messages);
        Assert.All(logger.Messages, m => Assert.DoesNotContain(RemoteTestOptions.Token, m, StringComparison.Ordinal));
        Assert.DoesNotContain(RemoteTestOptions.Token, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(RemoteTestOptions.Token, error.ServerMessage, StringComparison.Ordinal);
        Assert.Contains("HF_TOKEN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_WithToken_DoesNotShowIt()
    {
        var options = new RemoteInferenceOptions { Token = RemoteTestOptions.Token };

        Assert.DoesNotContain(RemoteTestOptions.Token, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("token=set", options.ToString(), StringComparison.Ordinal);
    }
}
