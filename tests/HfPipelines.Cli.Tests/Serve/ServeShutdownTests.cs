using System.Net;
using System.Text;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Tests.Serve;

/// <summary>Stopping the server with a request in flight: the request is answered, then the server stops (bounded).</summary>
public sealed class ServeShutdownTests
{
    [Fact]
    public async Task Dispose_RequestInFlight_AnsweredBeforeStopEnds()
    {
        var server = await ServeTestServer.StartAsync(o => o.Models = [new(PipelineTasks.TextClassification, ServeFakeProvider.Gated)]);
        using var content = new StringContent("""{"inputs": "x"}""", Encoding.UTF8, "application/json");
        var request = server.Client.PostAsync(new Uri("/models/test/gated", UriKind.Relative), content);
        await server.Provider.GatedStarted.Task;

        var stopping = server.Host.DisposeAsync().AsTask();
        Assert.False(stopping.IsCompleted);
        server.Provider.Gate.SetResult();
        using var response = await request;
        await stopping;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""[{"label":"POSITIVE","score":0.9876543},{"label":"NEGATIVE","score":0.0123457}]""", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, server.Host.Metrics.InFlight);
        server.Client.Dispose();
    }

    [Fact]
    public async Task Dispose_RequestOutlivesShutdownTimeout_CancelledAndStopEnds()
    {
        var server = await ServeTestServer.StartAsync(o =>
        {
            o.Models = [new(PipelineTasks.TextClassification, ServeFakeProvider.Gated)];
            o.ShutdownTimeout = TimeSpan.Zero;
        });
        using var content = new StringContent("""{"inputs": "x"}""", Encoding.UTF8, "application/json");
        var request = server.Client.PostAsync(new Uri("/models/test/gated", UriKind.Relative), content);
        await server.Provider.GatedStarted.Task;

        await server.Host.DisposeAsync();

        Assert.Equal(0, server.Host.Metrics.InFlight);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => request);
        server.Client.Dispose();
    }
}
