using System.Net;
using System.Net.Http.Headers;

namespace HfPipelines.Hub;

/// <summary>File bodies: resume with Range, stop at the announced size (or the cap for unknown sizes).</summary>
internal sealed partial class HubClient
{
    /// <summary>
    /// Appends a file to <paramref name="incomplete"/> from where it stops (HTTP Range), up to <paramref name="size"/>
    /// (when unknown, up to <see cref="HubOptions.MaxUnknownFileSize"/>). A body longer than that is stopped and the
    /// partial file removed: <see cref="HubChecksumException"/> for an announced size, <see cref="HubFileTooLargeException"/> otherwise.
    /// </summary>
    public async Task DownloadAsync(string repoId, string path, Uri location, string incomplete, long? size, Action<long> onProgress, CancellationToken cancellationToken = default)
    {
        var limit = size ?? options.MaxUnknownFileSize;
        var start = File.Exists(incomplete) ? new FileInfo(incomplete).Length : 0;
        if (start > limit)
        {
            File.Delete(incomplete);
            start = 0;
        }

        if (size is { } known && start == known)
        {
            await new FileStream(incomplete, FileMode.OpenOrCreate, FileAccess.Write).DisposeAsync().ConfigureAwait(false); // an empty file is a file
            return;
        }

        var range = start > 0 ? new RangeHeaderValue(start, null) : null;
        using var response = await SendAsync(HttpMethod.Get, location, followCrossHost: true, range, cancellationToken).ConfigureAwait(false);
        ThrowOnError(response, repoId, null, path);
        start = CheckBodyStatus(response, repoId, path, start);
        if (start + response.Content.Headers.ContentLength > limit)
        {
            throw TooLong(repoId, path, size, limit, incomplete);
        }

        if (!await WriteBodyAsync(response, incomplete, start, limit, onProgress, cancellationToken).ConfigureAwait(false))
        {
            throw TooLong(repoId, path, size, limit, incomplete);
        }

        var length = new FileInfo(incomplete).Length;
        if (size is { } expected && length < expected)
        {
            throw new HubRequestException($"The download of '{path}' of '{repoId}' ended after {length} of {expected} bytes; it will resume.");
        }
    }

    /// <summary>Appends (from <paramref name="start"/>) or writes the body; false when it is longer than <paramref name="limit"/>.</summary>
    private async Task<bool> WriteBodyAsync(HttpResponseMessage response, string incomplete, long start, long limit, Action<long> onProgress, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var file = new FileStream(incomplete, start > 0 ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                return await CopyAsync(stream, file, start, limit, onProgress, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The offset the body starts at: <paramref name="start"/> for a matching 206, 0 for a 200; any other answer is an error.</summary>
    private static long CheckBodyStatus(HttpResponseMessage response, string repoId, string path, long start)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return 0;
        }

        if (response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From == start)
        {
            return start;
        }

        var what = response.StatusCode == HttpStatusCode.PartialContent
            ? $"a range starting at {response.Content.Headers.ContentRange?.From?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} for a request from byte {start}"
            : $"{status} {HubAnswers.Shorten(response.ReasonPhrase ?? string.Empty)}";
        throw new HubRequestException($"The Hub answered {what} instead of the content of '{path}' of '{repoId}'.") { StatusCode = status };
    }

    private static HubException TooLong(string repoId, string path, long? size, long limit, string incomplete)
    {
        File.Delete(incomplete);
        return size is { } announced
            ? new HubChecksumException(
                $"The Hub sent more than the {announced:N0} bytes it announced for '{path}' of '{repoId}'; the download was stopped and discarded. Pull again; if it persists, the Hub or a proxy is sending a wrong file.")
            { FilePath = path }
            : new HubFileTooLargeException(
                $"The file '{path}' of '{repoId}' has no announced size and grew past {limit:N0} bytes (HubOptions.MaxUnknownFileSize); the download was stopped and discarded. Raise the limit if the file really is that large.")
            { FilePath = path, Limit = limit };
    }

    /// <summary>
    /// Copies the body up to <paramref name="limit"/> bytes in all; returns false (having written nothing past it) when
    /// the body is longer. A read that stalls longer than <see cref="HubOptions.RequestTimeout"/> counts as a cut connection.
    /// </summary>
    private async Task<bool> CopyAsync(Stream source, FileStream target, long start, long limit, Action<long> onProgress, CancellationToken cancellationToken)
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
            catch (Exception ex) when (ex is IOException or HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                await target.FlushAsync(cancellationToken).ConfigureAwait(false);
                throw new HubRequestException($"The connection was cut or stalled after {total} bytes; the download will resume.", ex);
            }

            if (read == 0)
            {
                return true;
            }

            if (total + read > limit)
            {
                return false;
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            total += read;
            onProgress(total);
        }
    }
}
