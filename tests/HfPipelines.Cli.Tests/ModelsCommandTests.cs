using System.Text.Json;
using HfPipelines.Testing;
using HfPipelines.Testing.FakeHub;

namespace HfPipelines.Cli.Tests;

public sealed class ModelsCommandTests : IAsyncLifetime
{
    private const string Onnx = "onnx/tiny-distilbert-sst2-optimum/model.onnx";
    private const string Config = "onnx/tiny-distilbert-sst2-optimum/config.json";
    private readonly FakeHubServer _hub = new();
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "hfp-cli-models", Guid.NewGuid().ToString("N"));

    [FixtureFact(Onnx, Config)]
    public async Task Pull_Json_DownloadsIntoCacheDir()
    {
        var repo = AddRepo();

        var (code, stdout, stderr) = await RunAsync("models", "pull", "org/tiny", "--json");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var path = doc.RootElement.GetProperty("path").GetString()!;
        Assert.Equal(Path.Combine(_cache, "models--org--tiny", "snapshots", repo.Commit), path);
        Assert.Equal(repo.Commit, doc.RootElement.GetProperty("commit_hash").GetString());
        Assert.Equal(File.ReadAllBytes(TestFixtures.PathOf(Onnx)), File.ReadAllBytes(Path.Combine(path, "onnx", "model.onnx")));
    }

    [FixtureFact(Onnx, Config)]
    public async Task Pull_IncludeAndPlainOutput_OnlyMatchingFiles()
    {
        AddRepo();

        var (code, stdout, _) = await RunAsync("models", "pull", "org/tiny", "--include", "*.json");

        Assert.Equal(0, code);
        Assert.StartsWith("Pulled org/tiny", stdout, StringComparison.Ordinal);
        var snapshot = Directory.GetDirectories(Path.Combine(_cache, "models--org--tiny", "snapshots")).Single();
        Assert.Equal(["config.json"], Directory.GetFiles(snapshot).Select(Path.GetFileName));
    }

    [FixtureFact(Onnx, Config)]
    public async Task ListInfoRm_AfterPull_ShowThenRemove()
    {
        var repo = AddRepo();
        await RunAsync("models", "pull", "org/tiny");

        var list = await RunAsync("models", "list", "--json");
        var info = await RunAsync("models", "info", "org/tiny", "--json");
        var plain = await RunAsync("models", "list");
        var rm = await RunAsync("models", "rm", "org/tiny");
        var after = await RunAsync("models", "list", "--json");
        var rmAgain = await RunAsync("models", "rm", "org/tiny");

        using var listDoc = JsonDocument.Parse(list.Out);
        var entry = Assert.Single(CacheEntries(listDoc));
        Assert.Equal("org/tiny", entry.GetProperty("repo_id").GetString());
        Assert.Equal(repo.Commit, entry.GetProperty("refs").GetProperty("main").GetString());
        Assert.Equal(2, entry.GetProperty("nb_files").GetInt32());
        using var infoDoc = JsonDocument.Parse(info.Out);
        Assert.Equal(repo.Commit, infoDoc.RootElement.GetProperty("commit_hash").GetString());
        Assert.StartsWith("org/tiny\t", plain.Out, StringComparison.Ordinal);
        Assert.Equal(0, rm.ExitCode);
        using var afterDoc = JsonDocument.Parse(after.Out);
        Assert.Empty(CacheEntries(afterDoc));
        Assert.False(Directory.Exists(Path.Combine(_cache, "models--org--tiny")));
        Assert.Equal(1, rmAgain.ExitCode);
        Assert.Contains("not in the cache", rmAgain.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAndRm_PythonStyleCacheOffline_ReadsAndRemoves()
    {
        PythonStyleCache.Write(_cache, "py-org/py-model");

        var list = await RunAsync("models", "list", "--json", "--offline");
        var info = await RunAsync("models", "info", "py-org/py-model", "--offline");
        var rm = await RunAsync("models", "rm", "py-org/py-model", "--offline", "--json");

        using var doc = JsonDocument.Parse(list.Out);
        var entry = Assert.Single(CacheEntries(doc));
        Assert.Equal("py-org/py-model", entry.GetProperty("repo_id").GetString());
        Assert.Equal(PythonStyleCache.Commit, entry.GetProperty("refs").GetProperty("main").GetString());
        Assert.Equal("{\"a\":1}".Length + "onnx-bytes".Length, entry.GetProperty("size_on_disk").GetInt64());
        Assert.Contains("onnx/model.onnx", info.Out, StringComparison.Ordinal);
        Assert.Equal(0, rm.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(_cache, "models--py-org--py-model")));
        Assert.Empty(_hub.Requests);
    }

    [Fact]
    public async Task Info_NotCached_AsksHub()
    {
        var repo = _hub.AddRepo("org/remote");
        repo.AddText("config.json", "{}");
        repo.AddFile("onnx/model.onnx", [1, 2, 3], lfs: true);
        repo.AddFile("onnx/model_quantized.onnx", [1, 2], lfs: true);

        var (code, stdout, _) = await RunAsync("models", "info", "org/remote", "--json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(repo.Commit, doc.RootElement.GetProperty("sha").GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("siblings").GetArrayLength());
        Assert.Equal(["config.json", "onnx/model.onnx"], doc.RootElement.GetProperty("selected").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Pull_MissingRepo_OneLineErrorExitOne()
    {
        var (code, _, stderr) = await RunAsync("models", "pull", "org/none");

        Assert.Equal(1, code);
        Assert.Contains("org/none", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Pull_InvalidReference_ExplainsFormat()
    {
        var (code, _, stderr) = await RunAsync("models", "pull", "org/name:../../etc/passwd");

        Assert.Equal(1, code);
        Assert.Contains("org/name", stderr, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        if (Directory.Exists(_cache))
        {
            Directory.Delete(_cache, recursive: true);
        }
    }

    /// <summary>The Hub cache's entries of a <c>models list --json</c> (the embedded model is listed too when its package is found).</summary>
    private static IEnumerable<JsonElement> CacheEntries(JsonDocument list) =>
        list.RootElement.EnumerateArray().Where(e => !e.GetProperty("embedded").GetBoolean());

    private FakeHubRepo AddRepo()
    {
        var repo = _hub.AddRepo("org/tiny");
        repo.AddFromDisk("config.json", TestFixtures.PathOf(Config));
        repo.AddFromDisk("onnx/model.onnx", TestFixtures.PathOf(Onnx), lfs: true);
        return repo;
    }

    private Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args) =>
        CliRunner.RunAsync([.. args, "--cache-dir", _cache, "--endpoint", _hub.Endpoint.ToString()]);
}
