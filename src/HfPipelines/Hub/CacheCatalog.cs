namespace HfPipelines.Hub;

/// <summary>Lists and removes the repositories of a <see cref="HubCache"/>.</summary>
internal static class CacheCatalog
{
    public static IReadOnlyList<CachedModel> List(HubCache cache)
    {
        if (!Directory.Exists(cache.Root))
        {
            return [];
        }

        var models = new List<CachedModel>();
        foreach (var folder in Directory.EnumerateDirectories(cache.Root, "models--*"))
        {
            if (CachePaths.RepoIdFromFolder(Path.GetFileName(folder)) is { } repoId)
            {
                models.Add(Describe(repoId, folder));
            }
        }

        models.Sort((a, b) => string.CompareOrdinal(a.RepoId, b.RepoId));
        return models;
    }

    public static CachedModel? Find(HubCache cache, string repoId)
    {
        var folder = cache.RepoFolder(repoId);
        return Directory.Exists(folder) ? Describe(repoId, folder) : null;
    }

    /// <summary>Removes a whole repository, or one revision's snapshot and the blobs only it used.</summary>
    public static bool Remove(HubCache cache, string repoId, string? revision)
    {
        var folder = cache.RepoFolder(repoId);
        if (!Directory.Exists(folder))
        {
            return false;
        }

        if (revision is not null)
        {
            var commit = cache.ResolveCommit(repoId, revision);
            if (commit is null)
            {
                return false;
            }

            RemoveSnapshot(cache, repoId, folder, commit);
            if (Directory.Exists(Path.Combine(folder, "snapshots")) && Directory.EnumerateDirectories(Path.Combine(folder, "snapshots")).Any())
            {
                return true;
            }
        }

        Directory.Delete(folder, recursive: true);
        var locks = Path.Combine(cache.Root, ".locks", CachePaths.FolderName(repoId));
        if (Directory.Exists(locks))
        {
            Directory.Delete(locks, recursive: true);
        }

        return true;
    }

    private static void RemoveSnapshot(HubCache cache, string repoId, string folder, string commit)
    {
        Directory.Delete(cache.SnapshotFolder(repoId, commit), recursive: true);
        var noExist = Path.Combine(folder, ".no_exist", commit);
        if (Directory.Exists(noExist))
        {
            Directory.Delete(noExist, recursive: true);
        }

        foreach (var (name, target) in ReadRefs(folder))
        {
            if (target == commit)
            {
                File.Delete(CachePaths.Join(folder, "refs/" + name));
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var snapshot in Directory.EnumerateDirectories(Path.Combine(folder, "snapshots")))
        {
            foreach (var file in Directory.EnumerateFiles(snapshot, "*", SearchOption.AllDirectories))
            {
                if (new FileInfo(file).LinkTarget is { } target)
                {
                    used.Add(Path.GetFileName(target));
                }
            }
        }

        var blobs = Path.Combine(folder, "blobs");
        foreach (var blob in Directory.Exists(blobs) ? Directory.EnumerateFiles(blobs) : [])
        {
            if (!used.Contains(Path.GetFileName(blob)))
            {
                File.Delete(blob);
            }
        }
    }

    private static CachedModel Describe(string repoId, string folder)
    {
        var blobs = new DirectoryInfo(Path.Combine(folder, "blobs"));
        var blobFiles = blobs.Exists ? blobs.GetFiles().Where(f => !f.Name.EndsWith(".incomplete", StringComparison.Ordinal)).ToList() : [];
        var snapshots = Directory.Exists(Path.Combine(folder, "snapshots"))
            ? Directory.GetDirectories(Path.Combine(folder, "snapshots")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];
        var refs = ReadRefs(folder);
        var lastWrite = blobFiles.Select(f => f.LastWriteTimeUtc).Append(Directory.GetLastWriteTimeUtc(folder)).Max();
        return new CachedModel(repoId, folder, blobFiles.Sum(f => f.Length), blobFiles.Count, refs, snapshots, new DateTimeOffset(lastWrite, TimeSpan.Zero));
    }

    private static Dictionary<string, string> ReadRefs(string folder)
    {
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        var refsFolder = Path.Combine(folder, "refs");
        if (!Directory.Exists(refsFolder))
        {
            return refs;
        }

        foreach (var file in Directory.EnumerateFiles(refsFolder, "*", SearchOption.AllDirectories))
        {
            if (new FileInfo(file).LinkTarget is null && !file.EndsWith(".tmp", StringComparison.Ordinal))
            {
                var name = Path.GetRelativePath(refsFolder, file).Replace(Path.DirectorySeparatorChar, '/');
                refs[name] = File.ReadAllText(file).Trim();
            }
        }

        return refs;
    }
}
