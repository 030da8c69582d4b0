using System.Net;

namespace HfPipelines.Cli.Tests.Serve;

public sealed class ServeHealthMetricsTests
{
    [Fact]
    public async Task Health_Get_StatusOk()
    {
        await using var server = await ServeTestServer.StartAsync();

        var body = await server.Client.GetStringAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal("""{"status":"ok","models":14,"in_flight":0}""", body);
    }

    [Fact]
    public async Task Metrics_AfterRequests_CountsHistogramAndInFlight()
    {
        await using var server = await ServeTestServer.StartAsync();
        await ServeTaskRoutesTests.PostJsonAsync(server, "/models/test/classifier", """{"inputs": "love"}""");
        await ServeTaskRoutesTests.PostJsonAsync(server, "/models/test/classifier", """{"inputs": "love"}""");
        await ServeTaskRoutesTests.PostJsonAsync(server, "/models/nope", """{"inputs": "love"}""");

        using var response = await server.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("# TYPE hfp_requests_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("hfp_requests_total{route=\"/models/{**model}\",method=\"POST\",status=\"200\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("hfp_requests_total{route=\"/models/{**model}\",method=\"POST\",status=\"404\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE hfp_request_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("hfp_request_duration_seconds_bucket{route=\"/models/{**model}\",le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("hfp_request_duration_seconds_count{route=\"/models/{**model}\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("hfp_requests_in_flight 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_Request_JsonLineWithoutBody()
    {
        await using var server = await ServeTestServer.StartAsync();

        await ServeTaskRoutesTests.PostJsonAsync(server, "/models/test/classifier", """{"inputs": "my private diary"}""");

        var line = server.Logs.ToString().Split('\n').First(l => l.Contains("/models/test/classifier", StringComparison.Ordinal));
        Assert.StartsWith("{\"time\":", line, StringComparison.Ordinal);
        Assert.Contains("\"method\":\"POST\"", line, StringComparison.Ordinal);
        Assert.Contains("\"path\":\"/models/test/classifier\"", line, StringComparison.Ordinal);
        Assert.Contains("\"status\":200", line, StringComparison.Ordinal);
        Assert.Contains("\"route\":\"/models/{**model}\"", line, StringComparison.Ordinal);
        Assert.DoesNotContain("diary", server.Logs.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoPage_Get_HtmlWithScript()
    {
        await using var server = await ServeTestServer.StartAsync(o => o.ApiKey = "k");

        using var response = await server.Client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var script = await server.Client.GetStringAsync(new Uri("/app.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("<script src=\"app.js\"", html, StringComparison.Ordinal);
        Assert.Contains("/api/models", script, StringComparison.Ordinal);
    }
}
