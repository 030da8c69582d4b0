namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>
/// Confines the files a workflow names (<c>output: {file}</c>, <c>prompt:</c>) to a folder by their real paths: every
/// symbolic link on the way is followed, and the path is refused when it ends outside the folder's own real path
/// (<c>evil/pwned.txt</c> where <c>evil</c> links to <c>/etc</c>). Thread-safe.
/// </summary>
internal static class WorkflowPaths
{
    private const int MaxLinks = 40;

    /// <summary>The real path of <paramref name="relative"/> under <paramref name="root"/>, or null with the problem.</summary>
    /// <param name="root">The folder the file must stay in.</param>
    /// <param name="relative">The path the workflow gives (relative to <paramref name="root"/>, or absolute).</param>
    /// <param name="problem">Why the path is refused ("is outside ...", "leads outside ... through a symbolic link").</param>
    /// <returns>The real path (which may not exist yet), or null.</returns>
    public static string? Inside(string root, string relative, out string? problem)
    {
        var rootFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var full = Path.GetFullPath(Path.Combine(rootFull, relative));
        if (!IsUnder(full, rootFull))
        {
            problem = $"is outside the folder {rootFull}; use a relative path inside it";
            return null;
        }

        var real = RealPath(full, 0);
        var rootReal = RealPath(rootFull, 0);
        if (real is null || rootReal is null || !IsUnder(real, rootReal))
        {
            problem = $"leads outside the folder {rootFull} through a symbolic link{(real is null ? " (a loop)" : $" (to {real})")}; hfp does not follow links out of it";
            return null;
        }

        problem = null;
        return real;
    }

    /// <summary>True when <paramref name="path"/> is a symbolic link itself (whatever it points to).</summary>
    /// <param name="path">The path.</param>
    /// <returns>Whether it is a link.</returns>
    public static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    private static bool IsUnder(string path, string root) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The path with every link on it resolved (null after too many links: a loop).</summary>
    private static string? RealPath(string full, int links)
    {
        var start = Path.GetPathRoot(full) ?? string.Empty;
        var current = start;
        foreach (var part in full[start.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    return null;
                }

                var resolved = RealPath(Path.GetFullPath(Path.Combine(current, target)), links);
                if (resolved is null)
                {
                    return null;
                }

                next = resolved;
            }

            current = next;
        }

        return current;
    }
}
