using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace HfPipelines.Testing.FakeHub;

/// <summary>
/// A tiny Hugging Face Hub on 127.0.0.1 (a free port) speaking the parts of the protocol huggingface_hub
/// uses: <c>GET /api/models/{repo}/revision/{rev}</c>, <c>HEAD|GET /{repo}/resolve/{rev}/{path}</c> (X-Repo-Commit,
/// ETag, X-Linked-Etag, X-Linked-Size, a 302 for LFS files), and the LFS "CDN" at <c>/lfs-cdn/{sha256}</c>,
/// by default on <see cref="OtherHost"/> (<c>localhost</c>: another host name for the client). Supports
/// Range and injected faults. BCL only, so every test project can compile it. One request per connection.
/// </summary>
internal sealed class FakeHubServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, FakeHubRepo> _repos = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeHubRequest> _requests = new();
    private readonly Task _loop;

    public FakeHubServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>The Hub endpoint: <c>http://127.0.0.1:port</c>.</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    /// <summary>The same server under another host name (<c>localhost</c>), where LFS redirects go.</summary>
    public Uri OtherHost => new($"http://localhost:{Port}");

    /// <summary>True (default): LFS files redirect to <see cref="OtherHost"/>; false: to the endpoint host.</summary>
    public bool RedirectLfsToOtherHost { get; set; } = true;

    public IReadOnlyList<FakeHubRequest> Requests => [.. _requests];

    /// <summary>
    /// When set, asked first for every request (after it is recorded): a non-null answer is sent instead of the
    /// normal one (hostile or broken Hub answers); null lets the normal routing answer.
    /// </summary>
    public Func<FakeHubRequest, FakeHubResponse?>? Intercept { get; set; }

    /// <summary>When positive, file bodies are sent in chunks of this many bytes, <see cref="ChunkDelay"/> apart (a slow link).</summary>
    public int ChunkBytes { get; set; }

    /// <summary>The pause between body chunks.</summary>
    public TimeSpan ChunkDelay { get; set; }

    public FakeHubRepo AddRepo(string repoId, string? commit = null)
    {
        var repo = new FakeHubRepo(repoId, commit ?? FakeHubRepo.RandomCommit());
        _repos[repoId] = repo;
        return repo;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                if (head is null)
                {
                    return;
                }

                var response = Route(head.Value.Method, head.Value.Path, head.Value.Headers);
                await response.WriteAsync(stream, head.Value.Method == "HEAD", _stop.Token);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away or the server is stopping.
            }
        }
    }

    private static async Task<(string Method, string Path, Dictionary<string, string> Headers)?> ReadHeadAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 65536)
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            bytes.Add(one[0]);
            if (bytes.Count >= 4 && bytes[^1] == '\n' && bytes[^2] == '\r' && bytes[^3] == '\n' && bytes[^4] == '\r')
            {
                break;
            }
        }

        var lines = Encoding.ASCII.GetString([.. bytes]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var first = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return (first[0], first[1], headers);
    }

    private FakeHubResponse Route(string method, string rawPath, Dictionary<string, string> headers)
    {
        var host = headers.GetValueOrDefault("Host") ?? string.Empty;
        var request = new FakeHubRequest(method, host, rawPath, headers.GetValueOrDefault("Authorization"), headers.GetValueOrDefault("Range"));
        _requests.Enqueue(request);
        if (Intercept?.Invoke(request) is { } answer)
        {
            return answer;
        }

        var path = rawPath.Split('?')[0];
        if (path.StartsWith("/lfs-cdn/", StringComparison.Ordinal))
        {
            var sha = path["/lfs-cdn/".Length..];
            var file = _repos.Values.SelectMany(r => r.Files.Values).FirstOrDefault(f => f.IsLfs && f.Etag == sha);
            return file is null ? FakeHubResponse.Status(404) : Content(file, headers);
        }

        if (path.StartsWith("/api/models/", StringComparison.Ordinal) && path.IndexOf("/revision/", StringComparison.Ordinal) is var r and > 0)
        {
            return RevisionInfo(path["/api/models/".Length..r], Uri.UnescapeDataString(path[(r + "/revision/".Length)..]), headers);
        }

        var resolve = path.IndexOf("/resolve/", StringComparison.Ordinal);
        if (resolve > 0)
        {
            var rest = path[(resolve + "/resolve/".Length)..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0)
            {
                return Resolve(path[1..resolve], Uri.UnescapeDataString(rest[..slash]), Uri.UnescapeDataString(rest[(slash + 1)..]), method, headers);
            }
        }

        return FakeHubResponse.Status(404);
    }

    private FakeHubResponse RevisionInfo(string repoId, string revision, Dictionary<string, string> headers)
    {
        if (Lookup(repoId, revision, headers, out var repo, out var commit) is { } error)
        {
            return error;
        }

        if (repo.ApiFaults.TryDequeue(out var fault))
        {
            return FakeHubResponse.Fault(fault);
        }

        var siblings = repo.Files.Keys.Concat(repo.ExtraSiblings).Order(StringComparer.Ordinal).Select(f => new Dictionary<string, string> { ["rfilename"] = f });
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["_id"] = "fake" + repo.Commit[..8],
            ["id"] = repo.Id,
            ["modelId"] = repo.Id,
            ["sha"] = commit,
            ["private"] = repo.RequiredToken is not null,
            ["siblings"] = siblings.ToList(),
        });
        return new FakeHubResponse(200, Encoding.UTF8.GetBytes(body)) { ContentType = "application/json" };
    }

    private FakeHubResponse Resolve(string repoId, string revision, string filePath, string method, Dictionary<string, string> headers)
    {
        if (Lookup(repoId, revision, headers, out var repo, out var commit) is { } error)
        {
            return error;
        }

        if (!repo.Files.TryGetValue(filePath, out var file))
        {
            return FakeHubResponse.Status(404, ("X-Error-Code", "EntryNotFound"), ("X-Repo-Commit", commit));
        }

        if (file.LocationOverride is not null || file.IsLfs)
        {
            if (method == "HEAD")
            {
                file.OnHead();
            }

            var target = file.LocationOverride ?? new Uri(RedirectLfsToOtherHost ? OtherHost : Endpoint, "/lfs-cdn/" + file.Etag).ToString();
            return new FakeHubResponse(302, [])
            {
                Headers = { ("Location", target), ("X-Repo-Commit", commit), ("ETag", "\"" + FakeHubFile.GitBlobSha1(file.Content) + "\""), ("X-Linked-Etag", "\"" + file.Etag + "\""), ("X-Linked-Size", file.Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
            };
        }

        if (method == "HEAD")
        {
            file.OnHead();
        }

        var response = method == "HEAD" ? new FakeHubResponse(200, file.Content) : Content(file, headers);
        response.Headers.Add(("X-Repo-Commit", commit));
        response.Headers.Add(("ETag", "\"" + file.Etag + "\""));
        return response;
    }

    private FakeHubResponse? Lookup(string repoId, string revision, Dictionary<string, string> headers, out FakeHubRepo repo, out string commit)
    {
        commit = string.Empty;
        if (!_repos.TryGetValue(repoId, out repo!))
        {
            return FakeHubResponse.Status(401, ("X-Error-Code", "RepoNotFound"));
        }

        if (repo.RequiredToken is { } token && headers.GetValueOrDefault("Authorization") != "Bearer " + token)
        {
            return FakeHubResponse.Status(401, ("X-Error-Code", "GatedRepo"));
        }

        if (repo.Refs.TryGetValue(revision, out var resolved) || revision == repo.Commit)
        {
            commit = resolved ?? repo.Commit;
            return null;
        }

        return FakeHubResponse.Status(404, ("X-Error-Code", "RevisionNotFound"));
    }

    private FakeHubResponse Content(FakeHubFile file, Dictionary<string, string> headers)
    {
        if (file.Faults.TryDequeue(out var fault) && fault.Status != 0)
        {
            return FakeHubResponse.Fault(fault);
        }

        var content = file.Content;
        if (file.ServeCorrupt)
        {
            content = [.. content];
            content[0] ^= 0xFF;
        }

        var start = 0;
        if (headers.GetValueOrDefault("Range") is { } range && range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            start = int.Parse(range["bytes=".Length..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture);
        }

        var body = content[start..];
        var response = new FakeHubResponse(start > 0 ? 206 : 200, body)
        {
            CutAfterBytes = fault?.CutAfterBytes ?? -1,
            ChunkBytes = ChunkBytes,
            ChunkDelay = ChunkDelay,
            HoldAfterFirstChunk = file.HoldBody,
        };
        if (start > 0)
        {
            response.Headers.Add(("Content-Range", $"bytes {start}-{content.Length - 1}/{content.Length}"));
        }

        return response;
    }
}
