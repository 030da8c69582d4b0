using System.Text;
using HfPipelines.Hub;
using HfPipelines.Testing.FakeHub;

namespace HfPipelines.Tests.Hub;

/// <summary>Hub answers that lie about sizes, shapes, ETags and redirects: each is a typed error, nothing is left behind.</summary>
public class ModelStoreHostileHubTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PullAsync_BodyLongerThanAnnouncedSize_StopsAtSizeAndDiscards(bool endlessChunked)
    {
        await using var hub = new HubTestContext();
        var repo = hub.Server.AddRepo("org/long");
        repo.AddFile("model.onnx", new byte[300_000], lfs: true);
        hub.Server.Intercept = r => r.Path.StartsWith("/lfs-cdn/", StringComparison.Ordinal)
            ? new FakeHubResponse(200, new byte[endlessChunked ? 65_536 : 4 << 20]) { Endless = endlessChunked, EndlessLimit = 64L << 20 }
            : null;
        using var store = hub.Store();
        var progress = new MaxProgress();

        var ex = await Assert.ThrowsAsync<HubChecksumException>(() => store.PullAsync("org/long", null, progress));

        Assert.Contains("300,000 bytes it announced", ex.Message, StringComparison.Ordinal);
        Assert.InRange(progress.Max, 0, 300_000);
        Assert.Empty(FilesUnder(hub.RepoFolder("org/long")));
    }

    [Fact]
    public async Task PullAsync_UnknownSizeEndlessBody_StopsAtConfiguredCap()
    {
        await using var hub = new HubTestContext();
        var repo = hub.Server.AddRepo("org/endless");
        var file = repo.AddText("weights.txt", "small");
        hub.Server.Intercept = r => r.Path.EndsWith("/weights.txt", StringComparison.Ordinal)
            ? new FakeHubResponse(200, new byte[65_536])
            {
                Endless = r.Method == "GET",
                EndlessLimit = 64L << 20,
                AnnouncedLength = -1,
                Headers = { ("X-Repo-Commit", repo.Commit), ("ETag", "\"" + file.Etag + "\"") },
            }
            : null;
        var options = hub.Options();
        options.MaxUnknownFileSize = 1 << 20;
        using var store = new ModelStore(options, null, hub.Time);

        var ex = await Assert.ThrowsAsync<HubFileTooLargeException>(() => store.PullAsync("org/endless"));

        Assert.Equal(1 << 20, ex.Limit);
        Assert.Equal("weights.txt", ex.FilePath);
        Assert.Contains("MaxUnknownFileSize", ex.Message, StringComparison.Ordinal);
        Assert.Empty(FilesUnder(hub.RepoFolder("org/endless")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PullAsync_RevisionAnswerOverLimit_TypedErrorBeforeReadingItAll(bool announced)
    {
        await using var hub = new HubTestContext();
        hub.Server.AddRepo("org/huge").AddText("config.json", "{}");
        hub.Server.Intercept = r => r.Path.StartsWith("/api/", StringComparison.Ordinal)
            ? new FakeHubResponse(200, Encoding.ASCII.GetBytes(new string(' ', 65_536)))
            {
                Endless = !announced,
                EndlessLimit = 256L << 20,
                AnnouncedLength = announced ? 5_000_000_000 : null,
            }
            : null;
        var options = hub.Options();
        options.MaxApiResponseSize = 1 << 20;
        using var store = new ModelStore(options, null, hub.Time);

        var ex = await Assert.ThrowsAsync<HubRequestException>(() => store.PullAsync("org/huge"));

        Assert.Contains("larger than 1,048,576 bytes (HubOptions.MaxApiResponseSize)", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
    }

    [Theory]
    [InlineData("[]", "not an object")]
    [InlineData("{\"sha\": 5}", "commit sha")]
    [InlineData("{\"sha\": \"" + Sha + "\", \"siblings\": {}}", "not an array")]
    [InlineData("{\"sha\": \"" + Sha + "\", \"siblings\": [{\"name\": \"config.json\"}]}", "'rfilename'")]
    [InlineData("{\"sha\": \"" + Sha + "\", \"siblings\": [1]}", "'rfilename'")]
    [InlineData("{\"sha\": \"" + Sha + "\", \"siblings\": [{\"rfilename\": 3}]}", "'rfilename'")]
    [InlineData("{\"sha\": \"" + Sha + "\", \"siblings\": [{\"rfilename\": null}]}", "'rfilename'")]
    [InlineData("{\"sha\": \"" + Sha + "\"", "not JSON")]
    public async Task PullAsync_UnexpectedRevisionShape_OneLineTypedError(string body, string expected)
    {
        await using var hub = new HubTestContext();
        hub.Server.AddRepo("org/odd");
        hub.Server.Intercept = r => r.Path.StartsWith("/api/", StringComparison.Ordinal) ? FakeHubResponse.Json(body) : null;
        using var store = hub.Store();

        var ex = await Assert.ThrowsAsync<HubRequestException>(() => store.PullAsync("org/odd"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PullAsync_EmptyFile_PulledAsEmptyFile(bool lfs)
    {
        await using var hub = new HubTestContext();
        var repo = hub.Server.AddRepo("org/empty");
        repo.AddText("config.json", "{}");
        repo.AddFile("empty.txt", [], lfs);
        using var store = hub.Store();

        var model = await store.PullAsync("org/empty");

        Assert.Equal(["config.json", "empty.txt"], model.Files.Order(StringComparer.Ordinal));
        Assert.Empty(File.ReadAllBytes(Path.Combine(model.Path, "empty.txt")));
        Assert.Equal("{}", File.ReadAllText(Path.Combine(model.Path, "config.json")));
    }

    [Theory]
    [InlineData("/org/loop/resolve/main/model.onnx")]
    [InlineData("/elsewhere/a")]
    public async Task PullAsync_RedirectLoop_SaysRedirectLoop(string location)
    {
        await using var hub = new HubTestContext();
        var repo = hub.Server.AddRepo("org/loop");
        repo.AddFile("model.onnx", new byte[10]).LocationOverride = location;
        hub.Server.Intercept = r => r.Path == "/elsewhere/a" ? new FakeHubResponse(302, []) { Headers = { ("Location", "/elsewhere/b") } }
            : r.Path == "/elsewhere/b" ? new FakeHubResponse(302, []) { Headers = { ("Location", "/elsewhere/a") } }
            : null;
        using var store = hub.Store();

        var ex = await Assert.ThrowsAsync<HubRequestException>(() => store.PullAsync("org/loop"));

        Assert.StartsWith("Redirect loop:", ex.Message, StringComparison.Ordinal);
        Assert.Empty(FilesUnder(hub.RepoFolder("org/loop")));
    }

    [Theory]
    [InlineData("{0}.incomplete")]
    [InlineData("{0}.lock")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task PullAsync_EtagNotABlobName_RefusedNothingLinked(string etagFormat)
    {
        await using var hub = new HubTestContext();
        var repo = hub.Server.AddRepo("org/etag");
        var first = repo.AddFile("a.onnx", new byte[1000], lfs: true);
        repo.AddText("b.json", "{}");
        var etag = string.Format(System.Globalization.CultureInfo.InvariantCulture, etagFormat, first.Etag);
        hub.Server.Intercept = r => r.Method == "HEAD" && r.Path.EndsWith("/b.json", StringComparison.Ordinal)
            ? new FakeHubResponse(200, [])
            {
                Headers = { ("X-Repo-Commit", repo.Commit), ("ETag", "\"" + etag + "\"") },
            }
            : null;
        using var store = hub.Store();

        await Assert.ThrowsAsync<HubSecurityException>(() => store.PullAsync("org/etag"));

        var snapshot = Path.Combine(hub.RepoFolder("org/etag"), "snapshots", repo.Commit);
        Assert.Equal(["a.onnx"], FilesUnder(snapshot).Select(Path.GetFileName));
        Assert.Equal([first.Etag], FilesUnder(Path.Combine(hub.RepoFolder("org/etag"), "blobs")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task PullAsync_FileAndFolderOfSameName_RefusedBeforeWriting()
    {
        await using var hub = new HubTestContext();
        var repo = hub.Server.AddRepo("org/clash");
        repo.AddText("x", "file");
        repo.AddText("x/y", "inside");
        hub.Server.Intercept = r => r.Path.StartsWith("/api/", StringComparison.Ordinal)
            ? FakeHubResponse.Json($"{{\"sha\":\"{repo.Commit}\",\"siblings\":[{{\"rfilename\":\"x/y\"}},{{\"rfilename\":\"x\"}}]}}")
            : null;
        using var store = hub.Store();

        var ex = await Assert.ThrowsAsync<HubRequestException>(() => store.PullAsync("org/clash"));

        Assert.Contains("'x' both as a file and as a folder", ex.Message, StringComparison.Ordinal);
        Assert.Empty(FilesUnder(hub.Cache));
    }

    [Fact]
    public void LinkSnapshotFile_FolderInTheWay_TypedErrorNoTmpLeft()
    {
        var root = Path.Combine(Path.GetTempPath(), "hfp-hub-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var cache = new HubCache(root);
            Directory.CreateDirectory(Path.Combine(cache.SnapshotFolder("org/m", Sha), "x", "y"));
            Directory.CreateDirectory(Path.GetDirectoryName(cache.BlobPath("org/m", "abc"))!);
            File.WriteAllText(cache.BlobPath("org/m", "abc"), "1");

            Assert.Throws<HubException>(() => cache.LinkSnapshotFile("org/m", Sha, "x", "abc"));

            Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    internal static List<string> FilesUnder(string folder) =>
        Directory.Exists(folder) ? [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)] : [];

    private sealed class MaxProgress : IProgress<DownloadProgress>
    {
        private long _max;

        public long Max => Interlocked.Read(ref _max);

        public void Report(DownloadProgress value)
        {
            long seen;
            while (value.BytesDownloaded > (seen = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, value.BytesDownloaded, seen) != seen)
            {
            }
        }
    }
}
