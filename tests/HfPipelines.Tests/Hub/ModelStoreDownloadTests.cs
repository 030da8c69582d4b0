using System.Security.Cryptography;
using HfPipelines.Hub;
using HfPipelines.Testing;
using HfPipelines.Testing.FakeHub;

namespace HfPipelines.Tests.Hub;

public class ModelStoreDownloadTests
{
    private const string Bert = "tokenizers/bert-base-uncased/tokenizer.json";
    private const string Onnx = "onnx/tiny-distilbert-sst2-optimum/model.onnx";
    private const string Config = "onnx/tiny-distilbert-sst2-optimum/config.json";

    [FixtureFact(Bert, Onnx, Config)]
    public async Task PullAsync_RealFiles_CacheLayoutMatchesPython()
    {
        await using var hub = new HubTestContext();
        var repo = AddDistilbert(hub.Server);
        using var store = hub.Store(token: "hf_secret");

        var model = await store.PullAsync("org/tiny");

        var folder = hub.RepoFolder("org/tiny");
        var onnx = repo.Files["onnx/model.onnx"];
        var config = repo.Files["config.json"];
        Assert.Equal(Path.Combine(folder, "snapshots", repo.Commit), model.Path);
        Assert.Equal(repo.Commit, model.Commit);
        Assert.Equal(["config.json", "onnx/model.onnx", "tokenizer.json"], model.Files);
        Assert.Equal(repo.Commit, File.ReadAllText(Path.Combine(folder, "refs", "main")));
        Assert.Equal(onnx.Content, File.ReadAllBytes(Path.Combine(folder, "blobs", onnx.Etag)));
        Assert.Equal(config.Content, File.ReadAllBytes(Path.Combine(folder, "blobs", config.Etag)));
        Assert.Equal($"../../../blobs/{onnx.Etag}", new FileInfo(Path.Combine(model.Path, "onnx", "model.onnx")).LinkTarget);
        Assert.Equal($"../../blobs/{config.Etag}", new FileInfo(Path.Combine(model.Path, "config.json")).LinkTarget);
        Assert.Equal(File.ReadAllBytes(TestFixtures.PathOf(Bert)), File.ReadAllBytes(Path.Combine(model.Path, "tokenizer.json")));
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "blobs"), "*.incomplete"));
    }

    [FixtureFact(Bert, Onnx, Config)]
    public async Task PullAsync_LfsRedirectToOtherHost_TokenNotForwarded()
    {
        await using var hub = new HubTestContext();
        AddDistilbert(hub.Server);
        using var store = hub.Store(token: "hf_secret");

        await store.PullAsync("org/tiny");

        var requests = hub.Server.Requests;
        var cdn = requests.Where(r => r.Path.StartsWith("/lfs-cdn/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(cdn);
        Assert.All(cdn, r => Assert.StartsWith("localhost:", r.Host, StringComparison.Ordinal));
        Assert.All(cdn, r => Assert.Null(r.Authorization));
        Assert.All(requests.Except(cdn), r => Assert.Equal("Bearer hf_secret", r.Authorization));
    }

    [FixtureFact(Bert, Onnx, Config)]
    public async Task PullAsync_ConnectionCutMidFile_ResumesWithRangeAndVerifies()
    {
        await using var hub = new HubTestContext();
        var repo = AddDistilbert(hub.Server);
        var onnx = repo.Files["onnx/model.onnx"];
        onnx.Faults.Enqueue(FakeHubFault.CutAfter(100_000));
        using var store = hub.Store();
        var progress = new List<DownloadProgress>();

        var model = await store.PullAsync("org/tiny", progress: new SyncProgress(progress));

        Assert.Contains(hub.Server.Requests, r => r.Range == "bytes=100000-");
        var bytes = File.ReadAllBytes(Path.Combine(model.Path, "onnx", "model.onnx"));
        Assert.Equal(onnx.Etag, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var last = progress.Last(p => p.FilePath == "onnx/model.onnx");
        Assert.Equal(onnx.Content.Length, last.BytesDownloaded);
        Assert.Equal(onnx.Content.Length, last.TotalBytes);
    }

    [FixtureFact(Bert, Onnx, Config)]
    public async Task PullAsync_TooManyRequests_WaitsRetryAfter()
    {
        await using var hub = new HubTestContext();
        var repo = AddDistilbert(hub.Server);
        repo.Files["onnx/model.onnx"].Faults.Enqueue(FakeHubFault.TooManyRequests(7));
        using var store = hub.Store();

        var model = await store.PullAsync("org/tiny");

        Assert.Contains(TimeSpan.FromSeconds(7), hub.Time.Delays);
        Assert.True(File.Exists(Path.Combine(model.Path, "onnx", "model.onnx")));
    }

    [FixtureFact(Bert, Onnx, Config)]
    public async Task PullAsync_ServerErrorsThenSuccess_RetriesWithBackoff()
    {
        await using var hub = new HubTestContext();
        var repo = AddDistilbert(hub.Server);
        repo.ApiFaults.Enqueue(FakeHubFault.WithStatus(503));
        repo.Files["config.json"].Faults.Enqueue(FakeHubFault.WithStatus(500));
        repo.Files["config.json"].Faults.Enqueue(FakeHubFault.WithStatus(502));
        using var store = hub.Store();

        var model = await store.PullAsync("org/tiny");

        Assert.Equal(repo.Files["config.json"].Content, File.ReadAllBytes(Path.Combine(model.Path, "config.json")));
        Assert.Contains(TimeSpan.FromSeconds(2), hub.Time.Delays);
    }

    [FixtureFact(Bert, Onnx, Config)]
    public async Task PullAsync_ServerKeepsFailing_ThrowsHubRequestException()
    {
        await using var hub = new HubTestContext();
        var repo = AddDistilbert(hub.Server);
        for (var i = 0; i < 10; i++)
        {
            repo.ApiFaults.Enqueue(FakeHubFault.WithStatus(503));
        }

        using var store = hub.Store();

        var error = await Assert.ThrowsAsync<HubRequestException>(() => store.PullAsync("org/tiny"));

        Assert.Equal(503, error.StatusCode);
    }

    [FixtureFact(Bert, Onnx, Config)]
    public async Task PullAsync_WrongChecksum_RefusedAndNotPromoted()
    {
        await using var hub = new HubTestContext();
        var repo = AddDistilbert(hub.Server);
        var onnx = repo.Files["onnx/model.onnx"];
        onnx.ServeCorrupt = true;
        using var store = hub.Store();

        var error = await Assert.ThrowsAsync<HubChecksumException>(() => store.PullAsync("org/tiny"));

        Assert.Equal("onnx/model.onnx", error.FilePath);
        var blobs = Path.Combine(hub.RepoFolder("org/tiny"), "blobs");
        Assert.False(File.Exists(Path.Combine(blobs, onnx.Etag)));
        Assert.False(File.Exists(Path.Combine(blobs, onnx.Etag + ".incomplete")));
        Assert.False(File.Exists(Path.Combine(hub.RepoFolder("org/tiny"), "snapshots", repo.Commit, "onnx", "model.onnx")));
        Assert.False(File.Exists(Path.Combine(hub.RepoFolder("org/tiny"), "refs", "main")));
    }

    [Fact]
    public async Task ResolveAsync_MissingFile_ThrowsNotFoundAndMarksNoExist()
    {
        await using var hub = new HubTestContext();
        var repo = hub.Server.AddRepo("org/small");
        repo.AddText("config.json", "{}");
        using var store = hub.Store();

        var error = await Assert.ThrowsAsync<ModelNotFoundException>(() => store.ResolveAsync("org/small:missing.json"));

        Assert.Contains("missing.json", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(hub.RepoFolder("org/small"), ".no_exist", repo.Commit, "missing.json")));
    }

    [Fact]
    public async Task PullAsync_Revision_WritesRefAndUnknownRevisionIsNotFound()
    {
        await using var hub = new HubTestContext();
        var repo = hub.Server.AddRepo("org/small");
        repo.AddText("config.json", "{}");
        repo.Refs["v1"] = repo.Commit;
        using var store = hub.Store();

        var model = await store.PullAsync("org/small@v1");
        var byCommit = await store.ResolveAsync("org/small@" + repo.Commit);
        var error = await Assert.ThrowsAsync<ModelNotFoundException>(() => store.PullAsync("org/small@nope"));

        Assert.Equal(repo.Commit, File.ReadAllText(Path.Combine(hub.RepoFolder("org/small"), "refs", "v1")));
        Assert.False(File.Exists(Path.Combine(hub.RepoFolder("org/small"), "refs", "main")));
        Assert.Equal(model.Path, byCommit.Path);
        Assert.Contains("revision 'nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_UnknownRepo_ThrowsNotFound()
    {
        await using var hub = new HubTestContext();
        using var store = hub.Store();

        var error = await Assert.ThrowsAsync<ModelNotFoundException>(() => store.ResolveAsync("org/none"));

        Assert.Contains("org/none", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_GatedRepoWithoutToken_ExplainsHfToken()
    {
        await using var hub = new HubTestContext();
        var repo = hub.Server.AddRepo("org/gated");
        repo.AddText("config.json", "{}");
        repo.RequiredToken = "hf_right";
        using var wrong = hub.Store(token: "hf_wrong");
        using var right = hub.Store(token: "hf_right");

        var error = await Assert.ThrowsAsync<HubAuthenticationException>(() => wrong.ResolveAsync("org/gated"));
        var model = await right.ResolveAsync("org/gated");

        Assert.Contains("HF_TOKEN", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hf_wrong", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(["config.json"], model.Files);
    }

    [Fact]
    public async Task ResolveAsync_SmallFile_ReturnsFilePath()
    {
        await using var hub = new HubTestContext();
        var repo = hub.Server.AddRepo("org/small");
        repo.AddText("config.json", "{\"a\":1}");
        repo.AddText("sub/dir/x.txt", "x");
        using var store = hub.Store();

        var model = await store.ResolveAsync("org/small:sub/dir/x.txt");

        Assert.Equal(Path.Combine(hub.RepoFolder("org/small"), "snapshots", repo.Commit, "sub", "dir", "x.txt"), model.Path);
        Assert.Equal("x", File.ReadAllText(model.Path));
        Assert.Equal($"../../../../blobs/{repo.Files["sub/dir/x.txt"].Etag}", new FileInfo(model.Path).LinkTarget);
    }

    internal static FakeHubRepo AddDistilbert(FakeHubServer server, string repoId = "org/tiny")
    {
        var repo = server.AddRepo(repoId);
        repo.AddFromDisk("config.json", TestFixtures.PathOf(Config));
        repo.AddFromDisk("tokenizer.json", TestFixtures.PathOf(Bert));
        repo.AddFromDisk("onnx/model.onnx", TestFixtures.PathOf(Onnx), lfs: true);
        repo.AddFile("pytorch_model.bin", new byte[1000], lfs: true);
        return repo;
    }

    /// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them later).</summary>
    internal sealed class SyncProgress(List<DownloadProgress> sink) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value)
        {
            lock (sink)
            {
                sink.Add(value);
            }
        }
    }
}
