using System.Text.Json;
using HfPipelines.Hub;
using HfPipelines.Testing;
using HfPipelines.Testing.FakeHub;

namespace HfPipelines.Cli.Tests;

/// <summary><c>hfp tokenize --model org/name</c> fetches only the tokenizer files from a (fake) Hub.</summary>
public sealed class TokenizeFromHubTests : IAsyncLifetime
{
    private const string Bert = "tokenizers/bert-base-uncased";
    private readonly FakeHubServer _hub = new();
    private readonly string _home = Path.Combine(Path.GetTempPath(), "hfp-tok-hub-" + Guid.NewGuid().ToString("N"));

    [FixtureFact(Bert)]
    public async Task Tokenize_HubReference_DownloadsTokenizerFilesOnly()
    {
        var repo = _hub.AddRepo("org/bert");
        foreach (var file in Directory.GetFiles(TestFixtures.PathOf(Bert)))
        {
            repo.AddFromDisk(Path.GetFileName(file), file);
        }

        repo.AddFile("onnx/model.onnx", new byte[4096], lfs: true);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr)
        {
            HubOptionsFactory = () => HubOptions.FromVariables(name => name switch
            {
                "HF_HOME" => _home,
                "HF_ENDPOINT" => _hub.Endpoint.ToString(),
                _ => null,
            }),
        };

        var code = await CliApp.RunAsync(["tokenize", "--model", "org/bert", "Hello, world!", "--json"], context);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr.ToString());
        var ids = JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("input_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal([101, 7592, 1010, 2088, 999, 102], ids);
        var snapshot = Directory.GetDirectories(Path.Combine(_home, "hub", "models--org--bert", "snapshots")).Single();
        Assert.False(File.Exists(Path.Combine(snapshot, "onnx", "model.onnx")));
        Assert.True(File.Exists(Path.Combine(snapshot, "tokenizer.json")));
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
}
