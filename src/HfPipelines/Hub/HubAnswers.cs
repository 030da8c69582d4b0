using System.Text.Json;

namespace HfPipelines.Hub;

/// <summary>
/// Reads what the Hub answers, trusting nothing: the revision JSON's shape (an object, a 40-hex <c>sha</c>, a
/// <c>siblings</c> array of objects with an <c>rfilename</c> string), the file list's paths (inside the repository,
/// no name that is both a file and a folder), a file's size and ETag. Anything else is a typed one-line error.
/// </summary>
internal static class HubAnswers
{
    public static RepoRevision ParseRevision(JsonElement root, string repoId, string revision, string endpoint, int status)
    {
        HubRequestException Bad(string what) =>
            new($"The Hub's answer for '{repoId}' at '{revision}' {what}; is {endpoint} a Hugging Face Hub?") { StatusCode = status };

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Bad($"is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
        }

        var sha = root.TryGetProperty("sha", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (sha is null || !CachePaths.IsCommit(sha))
        {
            throw Bad("has no 40-hex commit sha");
        }

        var files = new List<string>();
        if (!root.TryGetProperty("siblings", out var siblings) || siblings.ValueKind == JsonValueKind.Null)
        {
            return new RepoRevision(sha, files);
        }

        if (siblings.ValueKind != JsonValueKind.Array)
        {
            throw Bad("has a 'siblings' file list that is not an array");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var sibling in siblings.EnumerateArray())
        {
            if (sibling.ValueKind != JsonValueKind.Object || !sibling.TryGetProperty("rfilename", out var n) || n.ValueKind != JsonValueKind.String)
            {
                throw Bad($"has a file list entry (#{index}) without an 'rfilename' string");
            }

            var name = n.GetString()!;
            if (ModelReference.CheckRepoPath(name) is { } problem)
            {
                throw new HubSecurityException($"Refused the file list of '{repoId}': {problem}");
            }

            if (seen.Add(name))
            {
                files.Add(name);
            }

            index++;
        }

        return new RepoRevision(sha, files);
    }

    /// <summary>Refuses a file list that names one path both as a file and as a folder (<c>x</c> and <c>x/y</c>).</summary>
    public static void CheckNoFileFolderClash(IReadOnlyList<string> files, string repoId, string endpoint)
    {
        var names = new HashSet<string>(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            for (var slash = file.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = file.IndexOf('/', slash + 1))
            {
                if (names.Contains(file[..slash]))
                {
                    throw new HubRequestException(
                        $"The file list of '{repoId}' names '{file[..slash]}' both as a file and as a folder (of '{file}'); no file was written. Is {endpoint} a Hugging Face Hub?")
                    { StatusCode = 200 };
                }
            }
        }
    }

    /// <summary>The size announced by <c>X-Linked-Size</c> (LFS) or the <c>Content-Length</c> of the HEAD answer.</summary>
    public static long? AnnouncedSize(string? linkedSize, long? contentLength, string path, string repoId, int status)
    {
        if (linkedSize is null)
        {
            return contentLength;
        }

        return long.TryParse(linkedSize, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size)
            ? size
            : throw new HubRequestException($"The Hub announced the size of '{path}' in '{repoId}' as '{Shorten(linkedSize)}' (X-Linked-Size), which is not a byte count.") { StatusCode = status };
    }

    /// <summary>The ETag, normalized as huggingface_hub does, after checking that it can name a blob file.</summary>
    public static string BlobName(string etag, string path, string repoId)
    {
        var normalized = CachePaths.NormalizeEtag(etag);
        return CachePaths.IsBlobName(normalized)
            ? normalized
            : throw new HubSecurityException(
                $"Refused the ETag '{Shorten(normalized)}' of '{path}' in '{repoId}': an ETag names a blob file, so it must be 1 to 128 letters, digits, '-' or '_'.");
    }

    public static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
