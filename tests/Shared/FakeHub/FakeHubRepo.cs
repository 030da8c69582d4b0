using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace HfPipelines.Testing.FakeHub;

/// <summary>A repository served by <see cref="FakeHubServer"/>: a commit, refs, files and queued faults.</summary>
internal sealed class FakeHubRepo
{
    public FakeHubRepo(string id, string commit)
    {
        Id = id;
        Commit = commit;
        Refs["main"] = commit;
    }

    public string Id { get; }

    public string Commit { get; }

    /// <summary>Branch or tag name to commit; <c>main</c> points at <see cref="Commit"/>.</summary>
    public ConcurrentDictionary<string, string> Refs { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, FakeHubFile> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Names listed in <c>siblings</c> without a file behind them (to test hostile file lists).</summary>
    public ConcurrentBag<string> ExtraSiblings { get; } = [];

    /// <summary>When set, the repo answers 401 unless <c>Authorization: Bearer {token}</c> is sent.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>Faults for the revision API, one per request, in order.</summary>
    public ConcurrentQueue<FakeHubFault> ApiFaults { get; } = new();

    /// <summary>Adds a file; an LFS file gets a sha256 ETag and a redirect to the CDN path, a small one a git blob sha1 ETag.</summary>
    public FakeHubFile AddFile(string path, byte[] content, bool lfs = false)
    {
        var file = new FakeHubFile(path, content, lfs);
        Files[path] = file;
        return file;
    }

    public FakeHubFile AddText(string path, string text) => AddFile(path, Encoding.UTF8.GetBytes(text));

    /// <summary>Adds a real file from disk (e.g. a fixture) under <paramref name="path"/>.</summary>
    public FakeHubFile AddFromDisk(string path, string diskPath, bool lfs = false) => AddFile(path, File.ReadAllBytes(diskPath), lfs);

    public static string RandomCommit() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}

/// <summary>A file of a <see cref="FakeHubRepo"/>.</summary>
internal sealed class FakeHubFile
{
    public FakeHubFile(string path, byte[] content, bool isLfs)
    {
        Path = path;
        Content = content;
        IsLfs = isLfs;
        Etag = isLfs ? Convert.ToHexStringLower(SHA256.HashData(content)) : GitBlobSha1(content);
    }

    public string Path { get; }

    public byte[] Content { get; }

    public bool IsLfs { get; }

    /// <summary>sha256 hex for LFS files, the git blob sha1 for others (as the Hub does).</summary>
    public string Etag { get; }

    /// <summary>Faults for downloads of the content, one per GET, in order.</summary>
    public ConcurrentQueue<FakeHubFault> Faults { get; } = new();

    /// <summary>When true the content is served with its first byte changed (same length): a checksum failure.</summary>
    public bool ServeCorrupt { get; set; }

    /// <summary>When set, the <c>resolve</c> answer is a 302 to this raw Location instead of the normal one.</summary>
    public string? LocationOverride { get; set; }

    /// <summary>When set, a body download pauses after its first chunk until the task this returns completes.</summary>
    public Func<Task>? HoldBody { get; set; }

    /// <summary>How many <c>HEAD .../resolve/...</c> requests asked for this file.</summary>
    public int HeadRequests => Volatile.Read(ref _heads);

    private int _heads;
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _headWaiters = new();

    /// <summary>Completes once <paramref name="count"/> HEAD requests have asked for this file.</summary>
    public Task WhenHeadRequests(int count)
    {
        var waiter = _headWaiters.GetOrAdd(count, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (HeadRequests >= count)
        {
            waiter.TrySetResult();
        }

        return waiter.Task;
    }

    internal void OnHead()
    {
        var heads = Interlocked.Increment(ref _heads);
        foreach (var (count, waiter) in _headWaiters)
        {
            if (heads >= count)
            {
                waiter.TrySetResult();
            }
        }
    }

    public static string GitBlobSha1(byte[] content)
    {
        var header = Encoding.ASCII.GetBytes($"blob {content.Length}\0");
        return Convert.ToHexStringLower(SHA1.HashData([.. header, .. content]));
    }
}

/// <summary>One injected failure: a status (with Retry-After), or a connection cut after some bytes.</summary>
internal sealed record FakeHubFault(int Status = 0, int RetryAfterSeconds = -1, int CutAfterBytes = -1)
{
    public static FakeHubFault WithStatus(int status) => new(Status: status);

    public static FakeHubFault TooManyRequests(int retryAfterSeconds) => new(Status: 429, RetryAfterSeconds: retryAfterSeconds);

    public static FakeHubFault CutAfter(int bytes) => new(CutAfterBytes: bytes);
}

/// <summary>A request the server saw.</summary>
internal sealed record FakeHubRequest(string Method, string Host, string Path, string? Authorization, string? Range);
