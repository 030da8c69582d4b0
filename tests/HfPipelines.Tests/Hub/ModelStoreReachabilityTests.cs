using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using HfPipelines.Hub;
using HfPipelines.Testing.FakeHub;

namespace HfPipelines.Tests.Hub;

/// <summary>An unreachable Hub fails at once with one line; a slow one says what it waits for; local names stay local.</summary>
public class ModelStoreReachabilityTests
{
    [Fact]
    public async Task PullAsync_ClosedPort_UnreachableAtOnceNoRetries()
    {
        await using var hub = new HubTestContext();
        using var store = hub.Store(endpoint: ClosedPortEndpoint());

        var ex = await Assert.ThrowsAsync<HubRequestException>(() => store.PullAsync("org/any"));

        Assert.True(ex.IsUnreachable);
        Assert.Contains("cannot be reached", ex.Message, StringComparison.Ordinal);
        Assert.Contains("HF_HUB_OFFLINE=1", ex.Message, StringComparison.Ordinal);
        Assert.Empty(hub.Time.Delays);
    }

    [Fact]
    public async Task ResolveAsync_ClosedPortNotCached_OneSentenceNamingOfflineMode()
    {
        await using var hub = new HubTestContext();
        using var store = hub.Store(endpoint: ClosedPortEndpoint());

        var ex = await Assert.ThrowsAsync<ModelNotFoundException>(() => store.ResolveAsync("org/any"));

        Assert.Contains("HF_HUB_OFFLINE=1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("hfp models pull org/any", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".).", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("..", ex.Message.Replace("...", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Empty(hub.Time.Delays);
    }

    [Fact]
    public async Task PullAsync_ListenerThatNeverAnswers_UnreachableAfterOneTimeout()
    {
        await using var hub = new HubTestContext();
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var options = hub.Options(endpoint: new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}"));
            options.RequestTimeout = TimeSpan.FromSeconds(1);
            using var store = new ModelStore(options, null, hub.Time);

            var ex = await Assert.ThrowsAsync<HubRequestException>(() => store.PullAsync("org/any"));

            Assert.True(ex.IsUnreachable);
            Assert.Contains("did not answer", ex.Message, StringComparison.Ordinal);
            Assert.Contains("HF_HUB_OFFLINE=1", ex.Message, StringComparison.Ordinal);
            Assert.Empty(hub.Time.Delays);
        }
        finally
        {
            silent.Stop();
        }
    }

    [Fact]
    public async Task PullAsync_SlowDownload_WaitNoticeNamesTheFile()
    {
        await using var hub = new HubTestContext();
        var repo = hub.Server.AddRepo("org/slow");
        var notices = new ConcurrentQueue<string>();
        var noticed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        repo.AddFile("onnx/model.onnx", new byte[3 << 20], lfs: true).HoldBody = () => noticed.Task;
        hub.Server.ChunkBytes = 1 << 20;
        var options = hub.Options();
        options.WaitNotice = line =>
        {
            notices.Enqueue(line);
            if (line.Contains("onnx/model.onnx", StringComparison.Ordinal))
            {
                noticed.TrySetResult();
            }
        };
        using var store = new ModelStore(options, null, hub.Time);

        await store.PullAsync("org/slow");

        Assert.Contains("Downloading 'onnx/model.onnx' of org/slow (3.0 MiB)...", notices);
        Assert.Contains(TimeSpan.FromSeconds(2), hub.Time.Delays);
    }

    [Fact]
    public async Task PullAsync_NoWaitNotice_NoTimersArmed()
    {
        await using var hub = new HubTestContext();
        hub.Server.AddRepo("org/quiet").AddText("config.json", "{}");
        using var store = hub.Store();

        await store.PullAsync("org/quiet");

        Assert.Empty(hub.Time.Delays);
    }

    [Theory]
    [InlineData("bare")]
    [InlineData("org/name")]
    public async Task ResolveAsync_BareNameOfExistingFolder_LocalLikeFromPretrained(string shape)
    {
        await using var hub = new HubTestContext();
        var name = "hfp-bare-" + Guid.NewGuid().ToString("N")[..12];
        var reference = shape == "bare" ? name : name + "/model";
        var folder = Path.GetFullPath(reference);
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "config.json"), "{}");
            using var store = hub.Store();

            var model = await store.ResolveAsync(reference);

            Assert.Equal(folder, model.Path);
            Assert.Equal(["config.json"], model.Files);
            Assert.Null(model.Commit);
            Assert.Empty(hub.Server.Requests);
        }
        finally
        {
            Directory.Delete(Path.GetFullPath(name), recursive: true);
        }
    }

    [Theory]
    [InlineData("..")]
    [InlineData("main branch")]
    [InlineData("/main")]
    [InlineData("x~1")]
    [InlineData("a\tb")]
    public async Task PullAndResolve_InvalidRevisionOption_RefusedBeforeAnyRequest(string revision)
    {
        await using var hub = new HubTestContext();
        hub.Server.AddRepo("org/rev").AddText("config.json", "{}");
        using var store = hub.Store();
        var options = new ModelResolveOptions { Revision = revision };

        var pull = await Assert.ThrowsAsync<InvalidModelReferenceException>(() => store.PullAsync("org/rev", options));
        await Assert.ThrowsAsync<InvalidModelReferenceException>(() => store.ResolveAsync("org/rev", options));
        await Assert.ThrowsAsync<InvalidModelReferenceException>(() => store.GetRemoteInfoAsync("org/rev", options));

        Assert.Contains("--revision", pull.Message, StringComparison.Ordinal);
        Assert.Empty(hub.Server.Requests);
    }

    [Fact]
    public async Task Errors_EndpointWithUserInfo_PasswordNeverInMessages()
    {
        await using var hub = new HubTestContext();
        hub.Server.AddRepo("org/pw");
        hub.Server.Intercept = r => r.Path.StartsWith("/api/", StringComparison.Ordinal) ? FakeHubResponse.Json("{}") : null;
        var withPassword = new Uri($"http://user:s3cret-pw@127.0.0.1:{hub.Server.Port}");
        using var store = hub.Store(endpoint: withPassword);
        using var unreachable = hub.Store(endpoint: new Uri($"http://user:s3cret-pw@127.0.0.1:{ClosedPortEndpoint().Port}"));
        var invalid = new HubOptions { Endpoint = new Uri("ftp://user:s3cret-pw@host/") };

        var messages = new List<string>
        {
            (await Assert.ThrowsAsync<HubRequestException>(() => store.PullAsync("org/pw"))).Message,
            (await Assert.ThrowsAsync<HubRequestException>(() => unreachable.PullAsync("org/pw"))).Message,
            (await Assert.ThrowsAsync<ModelNotFoundException>(() => unreachable.ResolveAsync("org/pw"))).Message,
            Assert.Throws<ArgumentException>(invalid.Validate).Message,
            new HubException("see http://u:s3cret-pw@h/x and https://s3cret-pw@h").Message,
        };

        Assert.All(messages, m => Assert.DoesNotContain("s3cret-pw", m, StringComparison.Ordinal));
        Assert.Contains("http://***@127.0.0.1", messages[0], StringComparison.Ordinal);
    }

    internal static Uri ClosedPortEndpoint()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
