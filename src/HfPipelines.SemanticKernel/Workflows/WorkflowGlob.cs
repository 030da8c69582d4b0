namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>
/// Expands a glob input: a folder path without wildcards, then a file pattern with <c>*</c> and <c>?</c>;
/// <c>**/</c> before the pattern searches sub-folders too (<c>data/**/*.wav</c>). A path without wildcards is
/// itself the single item (when the file exists). Results are full paths in ordinal order.
/// </summary>
internal static class WorkflowGlob
{
    public static IReadOnlyList<string> Expand(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var normalized = pattern.Trim().Replace('\\', '/');
        if (normalized.IndexOfAny(['*', '?']) < 0)
        {
            return File.Exists(normalized) ? [Path.GetFullPath(normalized)] : [];
        }

        var recursive = normalized.Contains("**/", StringComparison.Ordinal);
        var slash = normalized.LastIndexOf('/');
        var folder = slash < 0 ? "." : normalized[..slash];
        var filePattern = normalized[(slash + 1)..];
        if (recursive)
        {
            folder = folder[..folder.IndexOf("**", StringComparison.Ordinal)].TrimEnd('/');
            folder = folder.Length == 0 ? "." : folder;
        }

        if (folder.IndexOfAny(['*', '?']) >= 0)
        {
            throw new HfPipelinesException($"The glob '{pattern}' has wildcards in its folder part. Put wildcards only in the file name, with an optional '**/' before it.");
        }

        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, filePattern, recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
