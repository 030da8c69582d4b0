using System.Security.Cryptography;
using Polly;

namespace HfPipelines.Hub;

/// <summary>
/// Brings one file into the cache: under the blob's lock, streams it to <c>blobs/&lt;etag&gt;.incomplete</c>
/// (resuming with Range after a cut), checks the size and, for LFS files, the SHA-256 against the ETag,
/// renames it to <c>blobs/&lt;etag&gt;</c>, then links it from the snapshot.
/// </summary>
internal sealed class FileFetcher(HubClient client, HubCache cache, ResiliencePipeline retry, TimeProvider timeProvider, WaitNotices notices)
{
    public async Task<string> FetchAsync(string repoId, string commit, string path, FileMetadata metadata, Action<long, long?> onProgress, CancellationToken cancellationToken = default)
    {
        var blob = cache.BlobPath(repoId, metadata.Etag);
        if (!File.Exists(blob))
        {
            FileLock fileLock;
            using (notices.Start($"Waiting for another process that is downloading '{path}' of {repoId}..."))
            {
                fileLock = await FileLock.AcquireAsync(cache.LockPath(repoId, metadata.Etag), timeProvider, cancellationToken).ConfigureAwait(false);
            }

            await using (fileLock.ConfigureAwait(false))
            {
                if (!File.Exists(blob))
                {
                    using var notice = notices.Start($"Downloading '{path}' of {repoId}{SizeText(metadata.Size)}...");
                    await DownloadBlobAsync(repoId, path, metadata, blob, onProgress, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        onProgress(new FileInfo(blob).Length, metadata.Size);
        return cache.LinkSnapshotFile(repoId, commit, path, metadata.Etag);
    }

    private static string SizeText(long? size) => size switch
    {
        null => string.Empty,
        >= 1L << 20 => $" ({size / (double)(1L << 20):0.0} MiB)",
        _ => $" ({size:N0} bytes)",
    };

    private async Task DownloadBlobAsync(string repoId, string path, FileMetadata metadata, string blob, Action<long, long?> onProgress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(blob)!);
        var incomplete = blob + ".incomplete";
        await retry.ExecuteAsync(
            async ct => await client.DownloadAsync(repoId, path, metadata.Location, incomplete, metadata.Size, n => onProgress(n, metadata.Size), ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        await VerifyAsync(repoId, path, metadata, incomplete, cancellationToken).ConfigureAwait(false);
        File.Move(incomplete, blob, overwrite: true);
    }

    private static async Task VerifyAsync(string repoId, string path, FileMetadata metadata, string incomplete, CancellationToken cancellationToken)
    {
        var length = new FileInfo(incomplete).Length;
        if (metadata.Size is { } size && length != size)
        {
            File.Delete(incomplete);
            throw new HubChecksumException($"The file '{path}' of '{repoId}' arrived with {length} bytes, but the Hub announced {size}; it was discarded. Pull again.") { FilePath = path };
        }

        if (!CachePaths.IsSha256(metadata.Etag))
        {
            return;
        }

        string actual;
        var stream = new FileStream(incomplete, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }

        if (!string.Equals(actual, metadata.Etag, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(incomplete);
            throw new HubChecksumException(
                $"The file '{path}' of '{repoId}' has SHA-256 {actual}, but the Hub announced {metadata.Etag}; it was discarded. Pull again; if it persists the upload is corrupt.") { FilePath = path };
        }
    }
}
