using HfPipelines.Hub;
using HfPipelines.Testing;
using HfPipelines.Testing.FakeHub;

namespace HfPipelines.Tests.Hub;

public class ModelStoreCacheTests
{
    private const string Commit = PythonStyleCache.Commit;

    [Fact]
    public async Task ResolveAsync_PythonStyleCacheOffline_ReturnsSnapshot()
    {
        await using var hub = new HubTestContext();
        WritePythonCache(hub.Cache, "py-org/py-model");
        using var store = hub.Store(offline: true);

        var model = await store.ResolveAsync("py-org/py-model");
        var file = await store.ResolveAsync("py-org/py-model:onnx/model.onnx");

        Assert.Equal(Path.Combine(hub.RepoFolder("py-org/py-model"), "snapshots", Commit), model.Path);
        Assert.Equal(Commit, model.Commit);
        Assert.Equal(["config.json", "onnx/model.onnx"], model.Files);
        Assert.Equal("onnx-bytes", File.ReadAllText(file.Path));
        Assert.Empty(hub.Server.Requests);
    }

    [Fact]
    public async Task ListCached_PythonStyleCache_DescribesRepo()
    {
        await using var hub = new HubTestContext();
        WritePythonCache(hub.Cache, "py-org/py-model");
        using var store = hub.Store(offline: true);

        var cached = Assert.Single(store.ListCached());

        Assert.Equal("py-org/py-model", cached.RepoId);
        Assert.Equal(Commit, cached.Refs["main"]);
        Assert.Equal([Commit], cached.Snapshots);
        Assert.Equal(2, cached.FileCount);
        Assert.Equal("{\"a\":1}".Length + "onnx-bytes".Length, cached.SizeOnDisk);
    }

    [Fact]
    public async Task RemoveAsync_CachedRepo_DeletesFolder()
    {
        await using var hub = new HubTestContext();
        WritePythonCache(hub.Cache, "py-org/py-model");
        using var store = hub.Store(offline: true);

        var removed = await store.RemoveAsync("py-org/py-model");
        var again = await store.RemoveAsync("py-org/py-model");

        Assert.True(removed);
        Assert.False(again);
        Assert.False(Directory.Exists(hub.RepoFolder("py-org/py-model")));
        Assert.Empty(store.ListCached());
    }

    [Fact]
    public async Task RemoveAsync_OneRevision_KeepsOtherSnapshotAndItsBlobs()
    {
        await using var hub = new HubTestContext();
        var repo = PythonStyleCache.Write(hub.Cache, "py-org/py-model");
        var dev = new string('b', 40);
        var devBlob = new string('c', 64);
        Directory.CreateDirectory(Path.Combine(repo, "snapshots", dev));
        File.WriteAllText(Path.Combine(repo, "blobs", devBlob), "dev-bytes");
        File.CreateSymbolicLink(Path.Combine(repo, "snapshots", dev, "model.onnx"), "../../blobs/" + devBlob);
        File.CreateSymbolicLink(Path.Combine(repo, "snapshots", dev, "config.json"), "../../blobs/" + PythonStyleCache.ConfigEtag);
        File.WriteAllText(Path.Combine(repo, "refs", "dev"), dev);
        using var store = hub.Store(offline: true);

        var removed = await store.RemoveAsync("py-org/py-model@dev");

        Assert.True(removed);
        Assert.False(Directory.Exists(Path.Combine(repo, "snapshots", dev)));
        Assert.False(File.Exists(Path.Combine(repo, "refs", "dev")));
        Assert.False(File.Exists(Path.Combine(repo, "blobs", devBlob)));
        Assert.True(File.Exists(Path.Combine(repo, "blobs", PythonStyleCache.ConfigEtag)));
        Assert.Equal("onnx-bytes", File.ReadAllText(Path.Combine((await store.ResolveAsync("py-org/py-model:onnx/model.onnx")).Path)));
    }

    [Fact]
    public async Task ResolveAsync_OfflineNotCached_NamesCacheAndPullCommand()
    {
        await using var hub = new HubTestContext();
        using var store = hub.Store(offline: true);

        var error = await Assert.ThrowsAsync<ModelNotFoundException>(() => store.ResolveAsync("org/absent"));

        Assert.Contains("org/absent", error.Message, StringComparison.Ordinal);
        Assert.Contains(hub.Cache, error.Message, StringComparison.Ordinal);
        Assert.Contains("hfp models pull org/absent", error.Message, StringComparison.Ordinal);
        Assert.Equal(hub.Cache, error.CachePath);
    }

    [Fact]
    public async Task ResolveAsync_EndpointUnreachable_UsesCache()
    {
        await using var hub = new HubTestContext();
        WritePythonCache(hub.Cache, "py-org/py-model");
        var closed = new Uri("http://127.0.0.1:1");
        using var store = hub.Store(endpoint: closed);

        var model = await store.ResolveAsync("py-org/py-model", new ModelResolveOptions { Revision = "main" });
        var error = await Assert.ThrowsAsync<ModelNotFoundException>(() => store.ResolveAsync("org/absent"));

        Assert.Equal(Commit, model.Commit);
        Assert.IsType<HubRequestException>(error.InnerException);
    }

    [Fact]
    public async Task ResolveAsync_SymlinkOutsideCache_Refused()
    {
        await using var hub = new HubTestContext();
        WritePythonCache(hub.Cache, "py-org/py-model");
        var outside = Path.Combine(hub.Home, "outside.txt");
        File.WriteAllText(outside, "secret");
        var evil = Path.Combine(hub.RepoFolder("py-org/py-model"), "snapshots", Commit, "tokenizer.json");
        File.CreateSymbolicLink(evil, "../../../../outside.txt");
        using var store = hub.Store(offline: true);

        await Assert.ThrowsAsync<HubSecurityException>(() => store.ResolveAsync("py-org/py-model"));
        await Assert.ThrowsAsync<HubSecurityException>(() => store.ResolveAsync("py-org/py-model:tokenizer.json"));
    }

    [Fact]
    public async Task ResolveAsync_LocalFolderAndFile_ReturnedAsIs()
    {
        await using var hub = new HubTestContext();
        var folder = Path.Combine(hub.Home, "local-model");
        Directory.CreateDirectory(Path.Combine(folder, "onnx"));
        File.WriteAllText(Path.Combine(folder, "config.json"), "{}");
        File.WriteAllText(Path.Combine(folder, "onnx", "model.onnx"), "x");
        using var store = hub.Store(offline: true);

        var model = await store.ResolveAsync(folder);
        var file = await store.ResolveAsync(Path.Combine(folder, "config.json"));

        Assert.Equal(folder, model.Path);
        Assert.Null(model.Commit);
        Assert.Equal(["config.json", "onnx/model.onnx"], model.Files);
        Assert.Equal(Path.Combine(folder, "config.json"), file.Path);
        await Assert.ThrowsAsync<ModelNotFoundException>(() => store.ResolveAsync(Path.Combine(folder, "nope")));
    }

    [FixtureFact("onnx/tiny-distilbert-sst2-optimum/model.onnx", "tokenizers/bert-base-uncased/tokenizer.json")]
    public async Task ResolveAsync_AfterPull_ServedFromCacheWithoutRequests()
    {
        await using var hub = new HubTestContext();
        ModelStoreDownloadTests.AddDistilbert(hub.Server);
        using var store = hub.Store();
        var pulled = await store.PullAsync("org/tiny");
        var before = hub.Server.Requests.Count;

        var resolved = await store.ResolveAsync("org/tiny");

        Assert.Equal(pulled.Path, resolved.Path);
        Assert.Equal(pulled.Files, resolved.Files);
        Assert.Equal(before, hub.Server.Requests.Count);
    }

    internal static void WritePythonCache(string cache, string repoId) => PythonStyleCache.Write(cache, repoId);
}
