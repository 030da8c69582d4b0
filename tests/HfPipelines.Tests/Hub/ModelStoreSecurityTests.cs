using HfPipelines.Hub;

namespace HfPipelines.Tests.Hub;

public class ModelStoreSecurityTests
{
    [Theory]
    [InlineData("../evil.txt")]
    [InlineData("/etc/evil")]
    [InlineData("onnx/../../evil")]
    public async Task PullAsync_FileListLeavesRepo_Refused(string sibling)
    {
        await using var hub = new HubTestContext();
        var repo = hub.Server.AddRepo("org/evil");
        repo.AddText("config.json", "{}");
        repo.ExtraSiblings.Add(sibling);
        using var store = hub.Store();

        await Assert.ThrowsAsync<HubSecurityException>(() => store.PullAsync("org/evil"));

        Assert.False(File.Exists(Path.Combine(hub.Cache, "evil.txt")));
        Assert.False(File.Exists(Path.Combine(hub.Home, "evil.txt")));
    }

    [Theory]
    [InlineData("/lfs-cdn/../../../etc/passwd")]
    [InlineData("file:///etc/passwd")]
    public async Task PullAsync_RedirectLeavesHub_Refused(string location)
    {
        await using var hub = new HubTestContext();
        var repo = hub.Server.AddRepo("org/evil");
        repo.AddFile("model.onnx", new byte[100], lfs: true).LocationOverride = location;
        using var store = hub.Store();

        await Assert.ThrowsAsync<HubSecurityException>(() => store.PullAsync("org/evil"));
    }

    [Fact]
    public async Task PullAsync_TwoStoresSameFileAtOnce_OneCorrectBlob()
    {
        await using var hub = new HubTestContext();
        var repo = hub.Server.AddRepo("org/big");
        var content = new byte[3_000_000];
        new Random(42).NextBytes(content);
        var file = repo.AddFile("onnx/model.onnx", content, lfs: true);
        using var first = hub.Store();
        using var second = hub.Store();

        var results = await Task.WhenAll(first.PullAsync("org/big"), second.PullAsync("org/big"));

        var blobs = Directory.GetFiles(Path.Combine(hub.RepoFolder("org/big"), "blobs"));
        Assert.Equal([Path.Combine(hub.RepoFolder("org/big"), "blobs", file.Etag)], blobs);
        Assert.Equal(content, File.ReadAllBytes(blobs[0]));
        Assert.All(results, r => Assert.Equal(content, File.ReadAllBytes(Path.Combine(r.Path, "onnx", "model.onnx"))));
        Assert.Single(hub.Server.Requests, r => r.Path.StartsWith("/lfs-cdn/", StringComparison.Ordinal));
    }
}
