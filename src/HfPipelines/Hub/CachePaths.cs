namespace HfPipelines.Hub;

/// <summary>
/// Path arithmetic for the Hugging Face cache layout and the guards that keep every read and write
/// inside the cache: <c>models--org--name/{blobs,snapshots,refs,.no_exist}</c>, <c>.locks/models--org--name</c>.
/// </summary>
internal static class CachePaths
{
    public static string FolderName(string repoId) => "models--" + repoId.Replace("/", "--", StringComparison.Ordinal);

    public static string? RepoIdFromFolder(string folderName) =>
        folderName.StartsWith("models--", StringComparison.Ordinal) && folderName.Length > 8
            ? folderName[8..].Replace("--", "/", StringComparison.Ordinal)
            : null;

    /// <summary>Normalizes an ETag the way huggingface_hub does: no weak prefix, no quotes.</summary>
    public static string NormalizeEtag(string etag)
    {
        var value = etag.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        return value.Trim('"');
    }

    /// <summary>
    /// True for an ETag that may name a blob: 1 to 128 ASCII letters, digits, '-' and '_'. No dots, so no ETag can
    /// name another blob's <c>.incomplete</c> partial file, a <c>.lock</c> or a <c>.tmp</c> file.
    /// </summary>
    public static bool IsBlobName(string etag) =>
        etag.Length is > 0 and <= 128 && etag.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>True for a 64-hex ETag: the SHA-256 of an LFS file.</summary>
    public static bool IsSha256(string etag) => etag.Length == 64 && etag.All(char.IsAsciiHexDigit);

    /// <summary>True for a full 40-hex commit id.</summary>
    public static bool IsCommit(string revision) => revision.Length == 40 && revision.All(char.IsAsciiHexDigit);

    /// <summary>Joins a '/'-separated relative path to a folder and refuses a result outside it.</summary>
    public static string Join(string root, string relative)
    {
        if (ModelReference.CheckRepoPath(relative) is { } problem)
        {
            throw new HubSecurityException($"Refused a path that leaves the cache: {problem}");
        }

        var full = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
        return IsInside(full, root)
            ? full
            : throw new HubSecurityException($"Refused '{relative}': it resolves outside '{root}'.");
    }

    public static bool IsInside(string path, string root)
    {
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(fullRoot, StringComparison.Ordinal);
    }

    /// <summary>The relative target of a snapshot link: <c>../../blobs/etag</c>, one more <c>../</c> per folder in the path.</summary>
    public static string BlobLinkTarget(string repoPath, string etag)
    {
        var depth = 2 + repoPath.Count(c => c == '/');
        return string.Concat(Enumerable.Repeat(".." + Path.DirectorySeparatorChar, depth)) + "blobs" + Path.DirectorySeparatorChar + etag;
    }

    /// <summary>
    /// Refuses a cache file whose symlink (followed to the end) points outside <paramref name="cacheRoot"/>.
    /// </summary>
    public static void EnsureLinkInside(string path, string cacheRoot)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is null)
        {
            return;
        }

        var target = info.ResolveLinkTarget(returnFinalTarget: true);
        if (target is null || !(IsInside(target.FullName, cacheRoot) || IsInside(target.FullName, RealPath(cacheRoot))))
        {
            throw new HubSecurityException(
                $"Refused the cache file '{path}': it is a symlink to '{info.LinkTarget}', outside the cache '{cacheRoot}'. Remove it and pull the model again.");
        }
    }

    /// <summary>The folder path with a symlinked folder (or parent) followed.</summary>
    public static string RealPath(string folder)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var parent = Path.GetDirectoryName(full);
        var realParent = parent is null ? null : RealPath(parent);
        var joined = realParent is null ? full : Path.Combine(realParent, Path.GetFileName(full));
        var info = new DirectoryInfo(joined);
        return info.Exists && info.LinkTarget is not null && info.ResolveLinkTarget(true) is { } target ? target.FullName : joined;
    }
}
