using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Xunit.Abstractions;

namespace HfPipelines.Cli.Tests.Serve;

/// <summary>
/// A bounded load run: 64 concurrent clients on loopback against the fake pipelines. Runs 2 seconds in the normal
/// test run; set HFP_SERVE_LOAD_SECONDS=30 for the figures in docs/serve.md
/// (<c>dotnet test --filter Category=Load --logger "console;verbosity=detailed"</c>). It asserts only that every
/// request succeeded; the speed is printed, not asserted.
/// </summary>
public sealed class ServeLoadTests(ITestOutputHelper output)
{
    private const int Clients = 64;

    [Fact]
    [Trait("Category", "Load")]
    public async Task TextClassification_64Clients_AllSucceed()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("HFP_SERVE_LOAD_SECONDS"), CultureInfo.InvariantCulture, out var s) ? Math.Clamp(s, 1, 120) : 2;
        await using var server = await ServeTestServer.StartAsync();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Clients };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseUrl };
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();

        var perClient = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => RunClientAsync(client, deadline)));

        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var latencies = perClient.SelectMany(r => r.Latencies).Order().ToList();
        var failures = perClient.Sum(r => r.Failures);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Clients} clients, {elapsed:0.0} s: {latencies.Count} requests, {latencies.Count / elapsed:0} req/s, p50 {Percentile(latencies, 0.50):0.00} ms, p95 {Percentile(latencies, 0.95):0.00} ms, p99 {Percentile(latencies, 0.99):0.00} ms, {failures} failed"));
        Assert.Equal(0, failures);
        Assert.NotEmpty(latencies);
    }

    private static async Task<(List<double> Latencies, int Failures)> RunClientAsync(HttpClient client, long deadline)
    {
        var latencies = new List<double>();
        var failures = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var start = Stopwatch.GetTimestamp();
            using var content = new StringContent("""{"inputs": "I love this", "parameters": {"top_k": 2}}""", Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri("/models/test/classifier", UriKind.Relative), content);
            await response.Content.ReadAsByteArrayAsync();
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            failures += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
        }

        return (latencies, failures);
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
}
