using System.Text.Json;

namespace HfPipelines.Hub;

/// <summary>A revision of a repository: its commit and file list (<c>siblings</c>).</summary>
internal sealed record RepoRevision(string Commit, IReadOnlyList<string> Files);

/// <summary>What a <c>HEAD .../resolve/...</c> tells about a file, as huggingface_hub reads it.</summary>
internal sealed record FileMetadata(string Commit, string Etag, long? Size, Uri Location);

/// <summary>
/// The Hub's HTTP protocol as huggingface_hub speaks it: the revision API, <c>HEAD</c>/<c>GET</c> on
/// <c>/{repo}/resolve/{revision}/{path}</c>, redirects followed by hand so the token goes only to the endpoint
/// host. Every answer is bounded (API answers by <see cref="HubOptions.MaxApiResponseSize"/>, files by their
/// announced size or <see cref="HubOptions.MaxUnknownFileSize"/>) and checked (<see cref="HubAnswers"/>).
/// Failures become typed exceptions; transient ones are <see cref="HubRequestException"/> with
/// <see cref="HubRequestException.IsTransient"/> (retried by the caller unless <see cref="HubRequestException.IsUnreachable"/>).
/// Thread-safe.
/// </summary>
internal sealed partial class HubClient(HttpClient http, HubOptions options)
{
    private const int MaxRedirects = 10;

    /// <summary>The endpoint for messages, without user info.</summary>
    private string Endpoint => SafeUri.Display(options.Endpoint);

    public async Task<RepoRevision> GetRevisionAsync(string repoId, string revision, CancellationToken cancellationToken = default)
    {
        var uri = new Uri(options.Endpoint, $"api/models/{repoId}/revision/{Uri.EscapeDataString(revision)}");
        using var response = await SendAsync(HttpMethod.Get, uri, followCrossHost: false, null, cancellationToken).ConfigureAwait(false);
        ThrowOnError(response, repoId, revision, null);
        if (IsRedirect(response.StatusCode))
        {
            throw new HubRequestException($"The Hub redirected the revision request for '{repoId}' to another host; is {Endpoint} a Hugging Face Hub?") { StatusCode = (int)response.StatusCode };
        }

        using var json = await ReadJsonAsync(response, repoId, cancellationToken).ConfigureAwait(false);
        var result = HubAnswers.ParseRevision(json.RootElement, repoId, revision, Endpoint, (int)response.StatusCode);
        HubAnswers.CheckNoFileFolderClash(result.Files, repoId, Endpoint);
        return result;
    }

    public async Task<FileMetadata> GetFileMetadataAsync(string repoId, string revision, string path, CancellationToken cancellationToken = default)
    {
        var uri = ResolveUri(repoId, revision, path);
        using var response = await SendAsync(HttpMethod.Head, uri, followCrossHost: false, null, cancellationToken).ConfigureAwait(false);
        ThrowOnError(response, repoId, revision, path);
        var headers = response.Headers;
        var status = (int)response.StatusCode;
        var commit = Header(headers, "X-Repo-Commit");
        var etag = Header(headers, "X-Linked-Etag") ?? headers.ETag?.Tag ?? Header(headers, "ETag");
        if (commit is null || etag is null)
        {
            throw new HubRequestException($"The Hub's answer for '{path}' in '{repoId}' lacks X-Repo-Commit or ETag; is {Endpoint} a Hugging Face Hub?") { StatusCode = status };
        }

        var size = HubAnswers.AnnouncedSize(Header(headers, "X-Linked-Size"), response.Content.Headers.ContentLength, path, repoId, status);
        var blobName = HubAnswers.BlobName(etag, path, repoId);
        var location = IsRedirect(response.StatusCode) ? RedirectTarget(response) : response.RequestMessage!.RequestUri!;
        return new FileMetadata(commit, blobName, size, location);
    }

    private Uri ResolveUri(string repoId, string revision, string path) =>
        new(options.Endpoint, $"{repoId}/resolve/{Uri.EscapeDataString(revision)}/{string.Join('/', path.Split('/').Select(Uri.EscapeDataString))}");

    private static string? Header(System.Net.Http.Headers.HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>Reads at most <see cref="HubOptions.MaxApiResponseSize"/> bytes of JSON; a read that stalls past the request timeout is a cut.</summary>
    private async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, string repoId, CancellationToken cancellationToken)
    {
        var limit = options.MaxApiResponseSize;
        var status = (int)response.StatusCode;
        HubRequestException TooLarge() =>
            new($"The Hub's answer for '{repoId}' is larger than {limit:N0} bytes (HubOptions.MaxApiResponseSize); is {Endpoint} a Hugging Face Hub?") { StatusCode = status };
        if (response.Content.Headers.ContentLength > limit)
        {
            throw TooLarge();
        }

        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(options.RequestTimeout);
        try
        {
            using var buffer = new MemoryStream();
            var stream = await response.Content.ReadAsStreamAsync(stall.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var chunk = new byte[1 << 16];
                int read;
                while ((read = await stream.ReadAsync(chunk, stall.Token).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > limit)
                    {
                        throw TooLarge();
                    }

                    buffer.Write(chunk, 0, read);
                }
            }

            return JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (JsonException ex)
        {
            throw new HubRequestException($"The Hub's answer for '{repoId}' is not JSON ({ex.Message.TrimEnd('.')}); is {Endpoint} a Hugging Face Hub?", ex) { StatusCode = status };
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new HubRequestException($"The connection was cut or stalled while reading the Hub's answer for '{repoId}'.", ex);
        }
    }
}
