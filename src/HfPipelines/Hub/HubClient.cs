using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace HfPipelines.Hub;

/// <summary>A revision of a repository: its commit and file list (<c>siblings</c>).</summary>
internal sealed record RepoRevision(string Commit, IReadOnlyList<string> Files);

/// <summary>What a <c>HEAD .../resolve/...</c> tells about a file, as huggingface_hub reads it.</summary>
internal sealed record FileMetadata(string Commit, string Etag, long? Size, Uri Location);

/// <summary>
/// The Hub's HTTP protocol as huggingface_hub speaks it: the revision API, <c>HEAD</c>/<c>GET</c> on
/// <c>/{repo}/resolve/{revision}/{path}</c>, redirects followed by hand so the token goes only to the
/// endpoint host. Failures become typed exceptions; transient ones are <see cref="HubRequestException"/>
/// with <see cref="HubRequestException.IsTransient"/> (retried by the caller). Thread-safe.
/// </summary>
internal sealed partial class HubClient(HttpClient http, HubOptions options)
{
    private const int MaxRedirects = 10;

    public async Task<RepoRevision> GetRevisionAsync(string repoId, string revision, CancellationToken cancellationToken = default)
    {
        var uri = new Uri(options.Endpoint, $"api/models/{repoId}/revision/{Uri.EscapeDataString(revision)}");
        using var response = await SendAsync(HttpMethod.Get, uri, followCrossHost: false, null, cancellationToken).ConfigureAwait(false);
        ThrowOnError(response, repoId, revision, null);
        var body = await ReadJsonAsync(response, repoId, cancellationToken).ConfigureAwait(false);
        using var json = body;
        var root = json.RootElement;
        var sha = root.TryGetProperty("sha", out var s) ? s.GetString() : null;
        if (sha is null || !CachePaths.IsCommit(sha))
        {
            throw new HubRequestException($"The Hub's answer for '{repoId}' at '{revision}' has no commit sha; is {options.Endpoint} a Hugging Face Hub?") { StatusCode = (int)response.StatusCode };
        }

        var files = new List<string>();
        if (root.TryGetProperty("siblings", out var siblings) && siblings.ValueKind == JsonValueKind.Array)
        {
            foreach (var sibling in siblings.EnumerateArray())
            {
                var name = sibling.GetProperty("rfilename").GetString() ?? string.Empty;
                if (ModelReference.CheckRepoPath(name) is { } problem)
                {
                    throw new HubSecurityException($"Refused the file list of '{repoId}': {problem}");
                }

                files.Add(name);
            }
        }

        return new RepoRevision(sha, files);
    }

    public async Task<FileMetadata> GetFileMetadataAsync(string repoId, string revision, string path, CancellationToken cancellationToken = default)
    {
        var uri = ResolveUri(repoId, revision, path);
        using var response = await SendAsync(HttpMethod.Head, uri, followCrossHost: false, null, cancellationToken).ConfigureAwait(false);
        ThrowOnError(response, repoId, revision, path);
        var headers = response.Headers;
        var commit = Header(headers, "X-Repo-Commit");
        var etag = Header(headers, "X-Linked-Etag") ?? headers.ETag?.Tag ?? Header(headers, "ETag");
        var sizeText = Header(headers, "X-Linked-Size");
        var size = sizeText is not null && long.TryParse(sizeText, out var linked) ? linked : response.Content.Headers.ContentLength;
        if (commit is null || etag is null)
        {
            throw new HubRequestException($"The Hub's answer for '{path}' in '{repoId}' lacks X-Repo-Commit or ETag; is {options.Endpoint} a Hugging Face Hub?") { StatusCode = (int)response.StatusCode };
        }

        var normalized = CachePaths.NormalizeEtag(etag);
        if (ModelReference.CheckRepoPath(normalized) is not null || normalized.Contains('/', StringComparison.Ordinal))
        {
            throw new HubSecurityException($"Refused the ETag of '{path}' in '{repoId}': it is not a plain blob name.");
        }

        var location = IsRedirect(response.StatusCode) ? RedirectTarget(response) : response.RequestMessage!.RequestUri!;
        return new FileMetadata(commit, normalized, size, location);
    }

    /// <summary>Appends a file to <paramref name="incomplete"/> from where it stops (HTTP Range), up to <paramref name="size"/>.</summary>
    public async Task DownloadAsync(string repoId, string path, Uri location, string incomplete, long? size, Action<long> onProgress, CancellationToken cancellationToken = default)
    {
        var start = File.Exists(incomplete) ? new FileInfo(incomplete).Length : 0;
        if (size is { } known && start >= known)
        {
            if (start == known)
            {
                return;
            }

            File.Delete(incomplete);
            start = 0;
        }

        var range = start > 0 ? new RangeHeaderValue(start, null) : null;
        using var response = await SendAsync(HttpMethod.Get, location, followCrossHost: true, range, cancellationToken).ConfigureAwait(false);
        ThrowOnError(response, repoId, null, path);
        if (response.StatusCode != HttpStatusCode.PartialContent)
        {
            start = 0;
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var file = new FileStream(incomplete, start > 0 ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                await CopyAsync(stream, file, start, onProgress, cancellationToken).ConfigureAwait(false);
            }
        }

        var length = new FileInfo(incomplete).Length;
        if (size is { } expected && length < expected)
        {
            throw new HubRequestException($"The download of '{path}' of '{repoId}' ended after {length} of {expected} bytes; it will resume.");
        }
    }

    /// <summary>Copies the body; a read that stalls longer than <see cref="HubOptions.RequestTimeout"/> counts as a cut connection.</summary>
    private async Task CopyAsync(Stream source, FileStream target, long start, Action<long> onProgress, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        var total = start;
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (true)
        {
            int read;
            try
            {
                stall.CancelAfter(options.RequestTimeout);
                read = await source.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                await target.FlushAsync(cancellationToken).ConfigureAwait(false);
                throw new HubRequestException($"The connection was cut or stalled after {total} bytes; the download will resume.", ex);
            }

            if (read == 0)
            {
                return;
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            total += read;
            onProgress(total);
        }
    }

    private Uri ResolveUri(string repoId, string revision, string path) =>
        new(options.Endpoint, $"{repoId}/resolve/{Uri.EscapeDataString(revision)}/{string.Join('/', path.Split('/').Select(Uri.EscapeDataString))}");

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, string repoId, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException ex)
        {
            throw new HubRequestException($"The Hub's answer for '{repoId}' is not JSON: {ex.Message}", ex) { StatusCode = (int)response.StatusCode };
        }
        catch (IOException ex)
        {
            throw new HubRequestException($"The connection was cut while reading the Hub's answer for '{repoId}'.", ex);
        }
    }
}
