using System.Security.Cryptography;
using System.Text.Json;
using HfPipelines.Testing.FakeHub;

namespace HfPipelines.Cli.Tests;

/// <summary>
/// Two real <c>hfp models pull</c> processes fetching the same model from a slow fake Hub at once: the blob lock makes
/// one download the body while the other waits, then both link the same verified file.
/// </summary>
public sealed class ModelsPullProcessTests : IAsyncLifetime
{
    private const int Size = 8 * 1024 * 1024;
    private readonly FakeHubServer _hub = new() { ChunkBytes = 256 * 1024, ChunkDelay = TimeSpan.FromMilliseconds(20) };
    private readonly string _home = Path.Combine(Path.GetTempPath(), "hfp-pull-processes", Guid.NewGuid().ToString("N"));

    private string Cache => Path.Combine(_home, "hub");

    [Fact]
    public async Task Pull_TwoProcessesSameModel_BothSucceedOneBodyDownloadNoLeftovers()
    {
        var repo = _hub.AddRepo("org/big");
        var weights = repo.AddFile("model.gguf", RandomBytes(Size), lfs: true);
        repo.AddText("config.json", """{"model_type":"llama"}""");
        // The first body pauses after its first chunk until both processes have asked for the file's metadata, so the
        // second one reaches the blob while the first is still writing it.
        weights.HoldBody = () => weights.WhenHeadRequests(2);
        var environment = new Dictionary<string, string?> { ["HF_ENDPOINT"] = _hub.Endpoint.ToString(), ["HF_HOME"] = _home, ["HF_HUB_CACHE"] = Cache };

        var first = HfpProcess.Start(HfpProcess.Dotnet, [HfpProcess.HfpDll, "models", "pull", "org/big", "--json"], environment);
        var second = HfpProcess.Start(HfpProcess.Dotnet, [HfpProcess.HfpDll, "models", "pull", "org/big", "--json"], environment);
        var results = await Task.WhenAll(HfpProcess.WaitAsync(first, TimeSpan.FromSeconds(90)), HfpProcess.WaitAsync(second, TimeSpan.FromSeconds(90)));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Error}"));
        var snapshot = Path.Combine(Cache, "models--org--big", "snapshots", repo.Commit);
        Assert.All(results, r => Assert.Equal(snapshot, JsonDocument.Parse(r.Out).RootElement.GetProperty("path").GetString()));
        var bytes = await File.ReadAllBytesAsync(Path.Combine(snapshot, "model.gguf"));
        Assert.Equal(weights.Etag, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(2, weights.HeadRequests);
        Assert.Single(_hub.Requests, r => r.Method == "GET" && r.Path == "/lfs-cdn/" + weights.Etag);
        var files = Directory.GetFiles(Cache, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Cache, f)).Order(StringComparer.Ordinal).ToList();
        Assert.DoesNotContain(files, f => f.EndsWith(".incomplete", StringComparison.Ordinal) || f.EndsWith(".tmp", StringComparison.Ordinal));
        // Lock files stay, empty and released, as huggingface_hub's (filelock) do: .locks/<repo folder>/<etag>.lock.
        var locks = files.Where(f => f.StartsWith(".locks", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            new[] { weights.Etag, repo.Files["config.json"].Etag }.Select(e => Path.Combine(".locks", "models--org--big", e + ".lock")).Order(StringComparer.Ordinal),
            locks);
        Assert.All(locks, l => Assert.Equal(0, new FileInfo(Path.Combine(Cache, l)).Length));
        using (new FileStream(Path.Combine(Cache, ".locks", "models--org--big", weights.Etag + ".lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            // Released: nobody holds it any more.
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

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(42).NextBytes(bytes);
        return bytes;
    }
}
