using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace HfPipelines.Cli.Tests.Serve;

public sealed partial class ServeCommandTests
{
    [Fact]
    public async Task Serve_ConfigAndApiKey_ListensServesAndStopsOnCancel()
    {
        var config = Path.Combine(Path.GetTempPath(), $"hfp-serve-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, """{"models": [{"task": "sentiment-analysis", "model": "test/classifier"}, {"task": "text-generation", "model": "test/chat"}]}""");
        var stdout = new LineSignalWriter();
        using var stderr = new StringWriter();
        var provider = new ServeFakeProvider();
        var chat = new ServeFakeChatClient();
        var context = new CliContext(stdout, TextWriter.Synchronized(stderr))
        {
            PipelineProviderFactory = () => provider,
            ChatClientFactory = (model, endpoint, _, ct) => Task.FromResult<IChatClient>(chat),
        };
        using var stop = new CancellationTokenSource();
        try
        {
            var run = CliApp.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--config", config, "--api-key", "k3y"], context, stop.Token);
            var line = await stdout.FirstLine.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var url = new Uri(UrlPattern().Match(line).Value);
            using var client = new HttpClient { BaseAddress = url };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "k3y");
            using var content = new StringContent("""{"inputs": "love"}""", System.Text.Encoding.UTF8, "application/json");
            using var answer = await client.PostAsync(new Uri("/models/test/classifier", UriKind.Relative), content);
            var models = await client.GetStringAsync(new Uri("/api/models", UriKind.Relative));
            await stop.CancelAsync();
            var code = await run;

            Assert.Equal(0, code);
            Assert.Contains("API key required", line, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("""{"models":[{"task":"text-classification","model":"test/classifier","id":"test/classifier","chat":false},{"task":"text-generation","model":"test/chat","id":"test/chat","chat":true}],"auth":true}""", models);
            Assert.Contains("\"path\":\"/models/test/classifier\"", stderr.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("k3y", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex UrlPattern();

    /// <summary>Completes <see cref="FirstLine"/> with the first line written.</summary>
    private sealed class LineSignalWriter : StringWriter
    {
        public TaskCompletionSource<string> FirstLine { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Task WriteLineAsync(string? value)
        {
            FirstLine.TrySetResult(value ?? string.Empty);
            return base.WriteLineAsync(value);
        }
    }
}
