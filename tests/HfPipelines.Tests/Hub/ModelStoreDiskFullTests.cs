using System.Security.Cryptography;
using HfPipelines.Hub;
using HfPipelines.Testing;

namespace HfPipelines.Tests.Hub;

/// <summary>
/// A disk that fills up during a download: the blob's <c>.incomplete</c> file is a link to <c>/dev/full</c>, so every
/// write of the body fails with a real ENOSPC from the kernel.
/// </summary>
public class ModelStoreDiskFullTests
{
    private const string Bert = "tokenizers/bert-base-uncased/tokenizer.json";
    private const string Onnx = "onnx/tiny-distilbert-sst2-optimum/model.onnx";
    private const string Config = "onnx/tiny-distilbert-sst2-optimum/config.json";

    [DevFullFact(Bert, Onnx, Config)]
    public async Task PullAsync_DiskFullMidDownload_TypedErrorNothingPromotedThenPullCompletes()
    {
        await using var hub = new HubTestContext();
        var repo = ModelStoreDownloadTests.AddDistilbert(hub.Server);
        var onnx = repo.Files["onnx/model.onnx"];
        var blobs = Path.Combine(hub.RepoFolder("org/tiny"), "blobs");
        Directory.CreateDirectory(blobs);
        var incomplete = Path.Combine(blobs, onnx.Etag + ".incomplete");
        File.CreateSymbolicLink(incomplete, "/dev/full");
        using var store = hub.Store();

        var error = await Assert.ThrowsAsync<HubDiskFullException>(() => store.PullAsync("org/tiny"));

        Assert.Equal("onnx/model.onnx", error.FilePath);
        Assert.Equal(Path.GetFullPath(hub.Cache), error.CacheDirectory);
        Assert.Contains($"The disk holding the model cache '{Path.GetFullPath(hub.Cache)}' is full: writing 'onnx/model.onnx' of 'org/tiny'", error.Message, StringComparison.Ordinal);
        Assert.Contains("HF_HUB_CACHE", error.Message, StringComparison.Ordinal);
        Assert.Equal(28, Assert.IsType<IOException>(error.InnerException).HResult);
        Assert.False(File.Exists(Path.Combine(blobs, onnx.Etag)));
        Assert.False(File.Exists(Path.Combine(hub.RepoFolder("org/tiny"), "snapshots", repo.Commit, "onnx", "model.onnx")));
        Assert.False(File.Exists(Path.Combine(hub.RepoFolder("org/tiny"), "refs", "main")));

        File.Delete(incomplete); // space again
        var model = await store.PullAsync("org/tiny");

        var bytes = await File.ReadAllBytesAsync(Path.Combine(model.Path, "onnx", "model.onnx"));
        Assert.Equal(onnx.Etag, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(repo.Commit, await File.ReadAllTextAsync(Path.Combine(hub.RepoFolder("org/tiny"), "refs", "main")));
        Assert.Empty(Directory.GetFiles(blobs, "*.incomplete"));
    }

    [Fact]
    public void IsDiskFull_ErrnoAndWindowsCodes_OnlyFullDisks()
    {
        Assert.Equal(!OperatingSystem.IsWindows(), HubDiskFullException.IsDiskFull(new IOException("No space left on device", 28)));
        Assert.True(HubDiskFullException.IsDiskFull(new IOException("disk full", unchecked((int)0x80070070))));
        Assert.False(HubDiskFullException.IsDiskFull(new IOException("Permission denied", 13)));
        Assert.False(HubDiskFullException.IsDiskFull(new IOException("sharing violation", unchecked((int)0x80070020))));
    }

    /// <summary>A fixture fact that also needs <c>/dev/full</c> (Linux); skipped with the reason elsewhere.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    private sealed class DevFullFactAttribute : FactAttribute
    {
        public DevFullFactAttribute(params string[] fixtures)
        {
            Skip = !File.Exists("/dev/full") ? "Needs /dev/full (Linux) to make writes fail with ENOSPC."
                : TestFixtures.FirstMissingReason(fixtures);
        }
    }
}
