using HfPipelines.Hub;
using HfPipelines.Testing.FakeHub;

namespace HfPipelines.Tests.Hub;

/// <summary>A fake Hub, a temp HF home and stores pointed at both; everything removed on dispose.</summary>
internal sealed class HubTestContext : IAsyncDisposable
{
    public HubTestContext()
    {
        Home = Path.Combine(Path.GetTempPath(), "hfp-hub-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Home);
    }

    public FakeHubServer Server { get; } = new();

    public RecordingTimeProvider Time { get; } = new();

    public string Home { get; }

    public string Cache => Path.Combine(Home, "hub");

    public HubOptions Options(string? token = null, bool offline = false, Uri? endpoint = null) => new()
    {
        Endpoint = endpoint ?? Server.Endpoint,
        HfHome = Home,
        Token = token,
        Offline = offline,
        MaxRetries = 3,
        RetryBaseDelay = TimeSpan.FromSeconds(1),
        EmbeddedModelDirectories = [],
    };

    public ModelStore Store(string? token = null, bool offline = false, Uri? endpoint = null) =>
        new(Options(token, offline, endpoint), handler: null, Time);

    public string RepoFolder(string repoId) => Path.Combine(Cache, "models--" + repoId.Replace("/", "--", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        if (Directory.Exists(Home))
        {
            Directory.Delete(Home, recursive: true);
        }
    }
}

/// <summary>A clock whose timers fire at once; it records every delay asked for (so tests never sleep).</summary>
internal sealed class RecordingTimeProvider : TimeProvider
{
    private readonly List<TimeSpan> _delays = [];

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_delays)
            {
                return [.. _delays];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_delays)
            {
                _delays.Add(dueTime);
            }
        }

        var due = dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.FromMilliseconds(1);
        return System.CreateTimer(callback, state, due, period);
    }
}
