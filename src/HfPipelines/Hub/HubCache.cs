namespace HfPipelines.Hub;

/// <summary>
/// The local model cache in Python huggingface_hub's layout, so either side reads what the other wrote:
/// <c>models--org--name/blobs/&lt;etag&gt;</c>, <c>snapshots/&lt;commit&gt;/&lt;path&gt;</c> (relative symlinks
/// into the blobs, copies where links are impossible), <c>refs/&lt;branch&gt;</c>, <c>.no_exist/&lt;commit&gt;/&lt;path&gt;</c>.
/// Every path is checked to stay inside <see cref="Root"/>. Thread-safe: each write is atomic (temp + rename).
/// </summary>
internal sealed class HubCache(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string RepoFolder(string repoId) => Path.Combine(Root, CachePaths.FolderName(repoId));

    public string BlobPath(string repoId, string etag) => CachePaths.Join(RepoFolder(repoId), "blobs/" + etag);

    public string LockPath(string repoId, string etag) =>
        CachePaths.Join(Root, ".locks/" + CachePaths.FolderName(repoId) + "/" + etag + ".lock");

    public string SnapshotFolder(string repoId, string commit) => CachePaths.Join(RepoFolder(repoId), "snapshots/" + commit);

    /// <summary>The commit a revision points to in the cache, or null when unknown.</summary>
    public string? ResolveCommit(string repoId, string revision)
    {
        if (CachePaths.IsCommit(revision))
        {
            return Directory.Exists(SnapshotFolder(repoId, revision)) ? revision : null;
        }

        var refPath = CachePaths.Join(RepoFolder(repoId), "refs/" + revision);
        if (!File.Exists(refPath))
        {
            return null;
        }

        CachePaths.EnsureLinkInside(refPath, Root);
        var commit = File.ReadAllText(refPath).Trim();
        return CachePaths.IsCommit(commit) ? commit : null;
    }

    public void WriteRef(string repoId, string revision, string commit)
    {
        if (revision == commit)
        {
            return;
        }

        var refPath = CachePaths.Join(RepoFolder(repoId), "refs/" + revision);
        WriteAtomically(refPath, commit);
    }

    /// <summary>Points <c>snapshots/commit/path</c> at <c>blobs/etag</c> (a relative link, or a copy).</summary>
    public string LinkSnapshotFile(string repoId, string commit, string repoPath, string etag)
    {
        var pointer = CachePaths.Join(SnapshotFolder(repoId, commit), repoPath);
        var blob = BlobPath(repoId, etag);
        if (File.Exists(pointer) && SameContent(pointer, blob))
        {
            return pointer;
        }

        if (Directory.Exists(pointer))
        {
            throw new HubException($"Refused to link '{repoPath}' of '{repoId}': the snapshot already has a folder of that name. Remove '{SnapshotFolder(repoId, commit)}' and pull again.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(pointer)!);
        var temp = pointer + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            try
            {
                File.CreateSymbolicLink(temp, CachePaths.BlobLinkTarget(repoPath, etag));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                File.Copy(blob, temp, overwrite: true);
            }

            File.Move(temp, pointer, overwrite: true);
        }
        catch
        {
            File.Delete(temp); // never leave a .tmp link in snapshots/
            throw;
        }

        return pointer;
    }

    /// <summary>Records that a file does not exist at a commit (<c>.no_exist</c>), as huggingface_hub does.</summary>
    public void MarkMissing(string repoId, string commit, string repoPath)
    {
        var marker = CachePaths.Join(RepoFolder(repoId), ".no_exist/" + commit + "/" + repoPath);
        Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
        using (File.Create(marker))
        {
        }
    }

    public bool IsMarkedMissing(string repoId, string commit, string repoPath) =>
        File.Exists(CachePaths.Join(RepoFolder(repoId), ".no_exist/" + commit + "/" + repoPath));

    /// <summary>The files of a snapshot, '/'-separated, each checked to stay inside the cache.</summary>
    public IReadOnlyList<string> SnapshotFiles(string repoId, string commit)
    {
        var folder = SnapshotFolder(repoId, commit);
        var files = new List<string>();
        if (Directory.Exists(folder))
        {
            Walk(folder, string.Empty, files);
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>The path of an existing snapshot file, after the symlink check, or null.</summary>
    public string? SnapshotFile(string repoId, string commit, string repoPath)
    {
        var path = CachePaths.Join(SnapshotFolder(repoId, commit), repoPath);
        if (!File.Exists(path))
        {
            return null;
        }

        CachePaths.EnsureLinkInside(path, Root);
        return path;
    }

    public static void WriteAtomically(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            File.WriteAllText(temp, content);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private void Walk(string folder, string prefix, List<string> files)
    {
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            var relative = prefix + entry.Name;
            if (entry is DirectoryInfo directory)
            {
                if (directory.LinkTarget is not null)
                {
                    throw new HubSecurityException($"Refused the cache folder '{directory.FullName}': snapshot folders may not be symlinks. Remove it and pull the model again.");
                }

                Walk(directory.FullName, relative + "/", files);
            }
            else if (!entry.Name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                CachePaths.EnsureLinkInside(entry.FullName, Root);
                files.Add(relative);
            }
        }
    }

    private static bool SameContent(string pointer, string blob)
    {
        var info = new FileInfo(pointer);
        if (info.LinkTarget is not null)
        {
            return info.ResolveLinkTarget(true) is { Exists: true } target
                && string.Equals(Path.GetFullPath(target.FullName), Path.GetFullPath(blob), StringComparison.Ordinal);
        }

        return File.Exists(blob) && info.Length == new FileInfo(blob).Length;
    }
}
