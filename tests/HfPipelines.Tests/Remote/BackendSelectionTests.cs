using HfPipelines.Fallback;
using HfPipelines.Remote;

namespace HfPipelines.Tests.Remote;

public sealed class BackendSelectionTests
{
    private static readonly Func<string, string?> NoEnv = _ => null;
    private static readonly Func<string, string?> WithToken = name => name == "HF_TOKEN" ? "hf_x" : null;

    [Theory]
    [InlineData(null, FallbackPolicy.LocalOnly)]
    [InlineData("auto", FallbackPolicy.LocalOnly)]
    [InlineData("local", FallbackPolicy.LocalOnly)]
    [InlineData("remote", FallbackPolicy.RemoteOnly)]
    public void Resolve_NoToken_GivesPolicy(string? backend, FallbackPolicy expected)
    {
        Assert.Equal(expected, BackendSelection.Resolve(backend, getVariable: NoEnv).Policy);
    }

    [Fact]
    public void Resolve_AutoWithToken_LocalThenRemote()
    {
        var selection = BackendSelection.Resolve("auto", getVariable: WithToken);

        Assert.Equal(FallbackPolicy.LocalThenRemote, selection.Policy);
        Assert.Equal("hf_x", selection.Remote!.Token);
    }

    [Fact]
    public void Resolve_AutoWithEndpoint_LocalThenRemoteAtThatEndpoint()
    {
        var selection = BackendSelection.Resolve("auto", "http://localhost:8080/", "tei", NoEnv);

        Assert.Equal(FallbackPolicy.LocalThenRemote, selection.Policy);
        Assert.Equal(RemoteEndpointKind.TextEmbeddingsInference, selection.Remote!.Kind);
        Assert.Equal(new Uri("http://localhost:8080/"), selection.Remote.BaseUrl);
        Assert.False(selection.Remote.SendTokenToBaseUrl);
    }

    [Theory]
    [InlineData("cloud", null, null)]
    [InlineData("remote", "not a url", null)]
    [InlineData("remote", "http://h", "grpc")]
    [InlineData("local", "http://h", null)]
    public void Resolve_BadValues_ThrowsHfPipelinesExceptionNamingTheValue(string backend, string? endpoint, string? kind)
    {
        var error = Assert.ThrowsAny<HfPipelinesException>(() => BackendSelection.Resolve(backend, endpoint, kind, NoEnv));

        // Named for any surface (the CLI's flags, HfPipelinesOptions.Backend): the value's meaning, not a flag.
        Assert.Matches("[Bb]ackend|[Ee]ndpoint", error.Message);
        Assert.DoesNotContain("--", error.Message, StringComparison.Ordinal);
    }
}
