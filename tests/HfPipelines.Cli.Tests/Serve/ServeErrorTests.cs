using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HfPipelines.Remote;
using HfPipelines.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace HfPipelines.Cli.Tests.Serve;

public sealed class ServeErrorTests
{
    [Fact]
    public async Task ApiKey_MissingOrWrong_401AndHealthStaysOpen()
    {
        await using var server = await ServeTestServer.StartAsync(o => o.ApiKey = "s3cret-key");

        var (missing, body) = await ServeTaskRoutesTests.PostJsonAsync(server, "/models/test/classifier", """{"inputs": "x"}""");
        server.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        var (wrong, _) = await ServeTaskRoutesTests.PostJsonAsync(server, "/models/test/classifier", """{"inputs": "x"}""");
        using var health = await server.Client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Contains("Authorization: Bearer", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.DoesNotContain("s3cret-key", server.Logs.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKey_RightKeyThroughRemoteClient_Answers()
    {
        await using var server = await ServeTestServer.StartAsync(o => o.ApiKey = "s3cret-key");
        using var remote = ServeRemoteClientTests.Remote(server, RemoteEndpointKind.Router, null, token: "s3cret-key");
        using var refused = ServeRemoteClientTests.Remote(server, RemoteEndpointKind.Router, null, token: "other");

        var labels = await remote.Create<string, TextClassificationOptions, IReadOnlyList<ClassificationLabel>>(PipelineTasks.TextClassification, ServeTestServer.Classifier).RunAsync("love");
        var error = await Assert.ThrowsAsync<RemoteInferenceException>(() =>
            refused.Create<string, TextClassificationOptions, IReadOnlyList<ClassificationLabel>>(PipelineTasks.TextClassification, ServeTestServer.Classifier).RunAsync("love"));

        Assert.Equal("POSITIVE", labels[0].Label);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Body_OverLimit_413()
    {
        await using var server = await ServeTestServer.StartAsync(o => o.MaxRequestBytes = 2048);
        using var content = new ByteArrayContent(new byte[4096]);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        using var response = await server.Client.PostAsync(new Uri("/models/test/vit", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 2048 bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_ChunkedOverLimit_413()
    {
        await using var server = await ServeTestServer.StartAsync(o => o.MaxRequestBytes = 2048);
        using var content = new StreamContent(new MemoryStream(new byte[8192]));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/models/test/vit", UriKind.Relative)) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than 2048 bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/models/test/classifier")]
    [InlineData("/v1/chat/completions")]
    public async Task ContentType_TextPlain_415(string route)
    {
        await using var server = await ServeTestServer.StartAsync();

        var (status, body) = await ServeTaskRoutesTests.PostJsonAsync(server, route, "hello", "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("'text/plain; charset=utf-8' is not accepted", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_Unknown_404ListsServedModels()
    {
        await using var server = await ServeTestServer.StartAsync();

        var (status, body) = await ServeTaskRoutesTests.PostJsonAsync(server, "/models/org/unknown", """{"inputs": "x"}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.StartsWith("""{"error":"Model 'org/unknown' is not served here.","models":[{"task":"text-classification","model":"test/classifier","id":"test/classifier","chat":false},""", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Task_NotServedForModel_404()
    {
        await using var server = await ServeTestServer.StartAsync();

        var (status, body) = await ServeTaskRoutesTests.PostJsonAsync(server, "/models/test/classifier/pipeline/feature-extraction", """{"inputs": "x"}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("not served for task 'feature-extraction'", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"inputs": "x", """, "The body is not valid JSON")]
    [InlineData("""{"text": "x"}""", "needs an \\\"inputs\\\" field")]
    [InlineData("""{"inputs": 42}""", "inputs must be a non-empty string, got 42.")]
    [InlineData("""{"inputs": "x", "parameters": {"top_k": "two"}}""", "parameters.top_k must be an integer, got \\\"two\\\".")]
    [InlineData("""{"inputs": "x", "parameters": {"function_to_apply": "relu"}}""", "parameters.function_to_apply must be one of default, sigmoid, softmax, none, got 'relu'.")]
    [InlineData("""{"inputs": ["a", 1]}""", "inputs[1] must be a non-empty string, got 1.")]
    public async Task Json_Malformed_400NamingTheField(string json, string expected)
    {
        await using var server = await ServeTestServer.StartAsync();

        var (status, body) = await ServeTaskRoutesTests.PostJsonAsync(server, "/models/test/classifier", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_MessagesMissing_400()
    {
        await using var server = await ServeTestServer.StartAsync();

        var (status, body) = await ServeTaskRoutesTests.PostJsonAsync(server, "/v1/chat/completions", """{"model": "test/chat", "messages": [{"content": "x"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("""{"error":{"message":"messages[0].role is required (system, user, assistant or tool).","type":"invalid_request_error","code":400}}""", body);
    }

    [Fact]
    public async Task Pipeline_InvalidInput_400WithItsMessage()
    {
        await using var server = await ServeTestServer.StartAsync();

        var (status, body) = await ServeTaskRoutesTests.PostJsonAsync(server, "/models/test/picky", """{"inputs": "x"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("""{"error":"The text is longer than the model's 512 tokens; shorten it."}""", body);
    }

    [Fact]
    public async Task Request_RunsPastTimeout_504Json()
    {
        var clock = new FakeTimeProvider();
        await using var server = await ServeTestServer.StartAsync(o => (o.TimeProvider, o.RequestTimeout) = (clock, TimeSpan.FromSeconds(5)));

        var pending = ServeTaskRoutesTests.PostJsonAsync(server, "/models/test/slow", """{"inputs": "x"}""");
        await server.Provider.SlowStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(6));
        var (status, body) = await pending;

        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.Equal("""{"error":"The request ran longer than the server's limit of 5 s and was cancelled; send a smaller input or raise requestTimeoutSeconds."}""", body);
    }
}
