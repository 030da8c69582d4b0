using System.Globalization;
using Polly;

namespace HfPipelines.Hub;

/// <summary>
/// Pulls the selected files of one revision into the cache: the revision's file list, then per file its
/// metadata (HEAD) and body (<see cref="FileFetcher"/>), then the ref. Each step that waits is told to
/// <see cref="WaitNotices"/>; a full disk becomes <see cref="HubDiskFullException"/>.
/// </summary>
internal sealed class ModelDownloader(HubClient client, HubCache cache, ResiliencePipeline retry, FileFetcher fetcher, WaitNotices notices, string endpoint)
{
    public async Task<RepoRevision> GetRevisionAsync(string repoId, string revision, CancellationToken cancellationToken)
    {
        using var notice = notices.Start($"Waiting for the Hub ({endpoint}) to list '{repoId}' at '{revision}' (set HF_HUB_OFFLINE=1 to use the cache only)...");
        return await retry.ExecuteAsync(
            async ct => await client.GetRevisionAsync(repoId, revision, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    public async Task<ResolvedModel> DownloadAsync(ModelReference reference, string revision, ModelResolveOptions options, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var repoId = reference.RepoId!;
        var remote = await GetRevisionAsync(repoId, revision, cancellationToken).ConfigureAwait(false);
        var files = ConfigFirst(SelectRemote(reference, revision, remote, options));
        for (var i = 0; i < files.Count; i++)
        {
            var path = files[i];
            var index = i;
            FileMetadata metadata;
            using (notices.Start($"Waiting for the Hub ({endpoint}) to describe '{path}' of '{repoId}'..."))
            {
                metadata = await retry.ExecuteAsync(
                    async ct => await client.GetFileMetadataAsync(repoId, remote.Commit, path, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await fetcher.FetchAsync(
                    repoId, remote.Commit, path, metadata,
                    (bytes, total) => progress?.Report(new DownloadProgress(repoId, path, bytes, total, index, files.Count)),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex) when (HubDiskFullException.IsDiskFull(ex))
            {
                throw DiskFull(repoId, path, metadata.Size, ex);
            }

            if (path == "config.json")
            {
                // config.json comes first: what it names decides whether the safetensors weights after it are worth fetching.
                files = DropUnbuildableWeights(repoId, remote.Commit, files);
            }
        }

        try
        {
            cache.WriteRef(repoId, revision, remote.Commit);
        }
        catch (IOException ex) when (HubDiskFullException.IsDiskFull(ex))
        {
            throw DiskFull(repoId, "refs/" + revision, null, ex);
        }

        var folder = cache.SnapshotFolder(repoId, remote.Commit);
        var resultPath = reference.FilePath is { } file ? CachePaths.Join(folder, file) : folder;
        return new ResolvedModel(reference.Original, resultPath, remote.Commit, false, files);
    }

    /// <summary>config.json first, so that the safetensors checkpoint check below can read it before any weights are fetched
    /// (without a config.json, safetensors weights are not fetched at all).</summary>
    private static List<string> ConfigFirst(IReadOnlyList<string> files) =>
        files.Contains("config.json")
            ? [.. files.Where(f => f == "config.json"), .. files.Where(f => f != "config.json")]
            : [.. files.Where(f => !FileSelector.IsSafetensorsCheckpointFile(f))]; // no config.json: no checkpoint the builder can read

    /// <summary>
    /// The selection without its safetensors checkpoint files when config.json names an architecture that the encoder
    /// graph builder does not support (a repository with neither ONNX nor GGUF weights gets them selected; only the
    /// supported ones are worth fetching).
    /// </summary>
    private List<string> DropUnbuildableWeights(string repoId, string commit, List<string> files)
    {
        if (!files.Any(FileSelector.IsSafetensorsCheckpointFile))
        {
            return files;
        }

        var config = cache.SnapshotFile(repoId, commit, "config.json") is { } path ? Pipelines.ModelJson.TryRead(path) : null;
        var modelType = (string?)config?["model_type"];
        return modelType is not null && Safetensors.EncoderGraphBuilder.SupportedModelTypes.Contains(modelType)
            ? files
            : [.. files.Where(f => !FileSelector.IsSafetensorsCheckpointFile(f))];
    }

    private HubDiskFullException DiskFull(string repoId, string path, long? size, IOException cause) =>
        new($"The disk holding the model cache '{cache.Root}' is full: writing '{path}' of '{repoId}'"
            + (size is { } bytes ? $" ({bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes)" : string.Empty) + $" failed ({cause.Message.TrimEnd('.')}). "
            + "Free space on that disk, or point HF_HUB_CACHE at a disk with room, and pull again; a partial download is kept and resumes.", cause)
        {
            FilePath = path,
            CacheDirectory = cache.Root,
        };

    private IReadOnlyList<string> SelectRemote(ModelReference reference, string revision, RepoRevision remote, ModelResolveOptions options)
    {
        if (reference.FilePath is { } file)
        {
            if (remote.Files.Contains(file, StringComparer.Ordinal))
            {
                return [file];
            }

            cache.MarkMissing(reference.RepoId!, remote.Commit, file);
            throw new ModelNotFoundException(
                $"The file '{file}' does not exist in '{reference.RepoId}' at revision '{revision}'. Files: {string.Join(", ", remote.Files.Take(30))}.")
            { Reference = reference.Original };
        }

        var selected = FileSelector.Select(remote.Files, options);
        return selected.Count > 0
            ? selected
            : throw new ModelNotFoundException(
                $"No file of '{reference.RepoId}' at '{revision}' matches the selection (--include patterns, dtype, quantization). Files: {string.Join(", ", remote.Files.Take(30))}.")
            { Reference = reference.Original };
    }
}
