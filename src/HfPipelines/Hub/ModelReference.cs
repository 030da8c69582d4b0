using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace HfPipelines.Hub;

/// <summary>
/// A parsed model reference: a Hub repository <c>org/name</c>, optionally <c>@revision</c> (branch, tag or
/// 40-hex commit) and <c>:path/in/repo</c> (one file), or a local folder or file (absolute, or starting
/// with <c>./</c>, <c>../</c> or <c>~/</c>; anything with more than one <c>/</c> and no <c>:</c>).
/// Parsing is purely syntactic; immutable and thread-safe.
/// </summary>
public sealed partial record ModelReference
{
    private ModelReference(string original)
    {
        Original = original;
    }

    /// <summary>The text that was parsed.</summary>
    public string Original { get; }

    /// <summary>True for a local folder or file.</summary>
    public bool IsLocal => LocalPath is not null;

    /// <summary>The full local path, for a local reference.</summary>
    public string? LocalPath { get; private init; }

    /// <summary>The repository id (<c>org/name</c>), for a Hub reference.</summary>
    public string? RepoId { get; private init; }

    /// <summary>The revision given after <c>@</c>, or null (then <c>main</c>).</summary>
    public string? Revision { get; private init; }

    /// <summary>The file inside the repository given after <c>:</c>, or null for the whole repository.</summary>
    public string? FilePath { get; private init; }

    /// <summary>Parses a reference.</summary>
    /// <param name="reference">The text.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="InvalidModelReferenceException">The text is not a valid reference; the message says why.</exception>
    public static ModelReference Parse(string reference)
    {
        var error = TryParseCore(reference, out var result);
        return result ?? throw new InvalidModelReferenceException(error!);
    }

    /// <summary>Parses a reference without throwing.</summary>
    /// <param name="reference">The text.</param>
    /// <param name="result">The reference, or null.</param>
    /// <returns>True when the text is a valid reference.</returns>
    public static bool TryParse(string? reference, [NotNullWhen(true)] out ModelReference? result) => TryParseCore(reference, out result) is null;

    /// <inheritdoc />
    public override string ToString() => Original;

    private static string? TryParseCore(string? text, out ModelReference? result)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "A model reference is empty. Use org/name, org/name@revision, org/name:file or a local path.";
        }

        if (text.Any(char.IsControl))
        {
            return "A model reference contains control characters. Use org/name, org/name@revision, org/name:file or a local path.";
        }

        if (LooksLocal(text))
        {
            if (!IsExplicitLocal(text) && text.Split('/').Any(s => s is ".." or "."))
            {
                return $"'{text}' is neither a Hub id nor an explicit local path: it has '..' segments. Use org/name, or ./path for a local folder.";
            }

            var expanded = text.StartsWith('~') ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + text[1..] : text;
            result = new ModelReference(text) { LocalPath = Path.GetFullPath(expanded) };
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var head = colon < 0 ? text : text[..colon];
        var file = colon < 0 ? null : text[(colon + 1)..];
        var at = head.IndexOf('@', StringComparison.Ordinal);
        var repo = at < 0 ? head : head[..at];
        var revision = at < 0 ? null : head[(at + 1)..];
        var problem = CheckRepoId(repo) ?? CheckRevision(revision) ?? (file is null ? null : CheckRepoPath(file));
        if (problem is not null)
        {
            return $"'{text}' is not a valid model reference: {problem} Use org/name, org/name@revision, org/name:path/in/repo or a local path (./folder).";
        }

        result = new ModelReference(text) { RepoId = repo, Revision = revision, FilePath = file };
        return null;
    }

    private static bool LooksLocal(string text) =>
        IsExplicitLocal(text) || (!text.Contains(':', StringComparison.Ordinal) && !text.Contains('@', StringComparison.Ordinal) && text.Count(c => c == '/') > 1);

    private static bool IsExplicitLocal(string text) =>
        Path.IsPathRooted(text) || text.StartsWith("./", StringComparison.Ordinal) || text.StartsWith("../", StringComparison.Ordinal)
        || text.StartsWith(".\\", StringComparison.Ordinal) || text.StartsWith("..\\", StringComparison.Ordinal)
        || text == "." || text == ".." || text.StartsWith("~/", StringComparison.Ordinal);

    private static string? CheckRepoId(string repo)
    {
        if (repo.Length is 0 or > 96 || !RepoIdRegex().IsMatch(repo))
        {
            return "the repository id must look like 'org/name' (letters, digits, '-', '_', '.'; at most 96 characters).";
        }

        return repo.Contains("..", StringComparison.Ordinal) || repo.Contains("--", StringComparison.Ordinal) || repo.EndsWith(".git", StringComparison.Ordinal)
            ? "the repository id may not contain '..' or '--' nor end with '.git'."
            : null;
    }

    /// <summary>
    /// A reference for an existing local folder or file given by a bare name (<c>sst2</c>, <c>org/name</c>), which
    /// <see cref="Parse"/> reads as a Hub id; callers that look at the disk (as from_pretrained does) use it.
    /// </summary>
    internal static ModelReference ExistingLocal(string text) => new(text) { LocalPath = Path.GetFullPath(text) };

    /// <summary>Checks a revision (branch, tag or commit name) as given after <c>@</c> or by <c>--revision</c>.</summary>
    /// <param name="revision">The revision, or null.</param>
    /// <returns>Null when valid (or null), else the reason.</returns>
    internal static string? CheckRevision(string? revision)
    {
        if (revision is null)
        {
            return null;
        }

        return revision.Length is 0 or > 255 || revision.Any(char.IsControl) || revision.Contains("..", StringComparison.Ordinal) || revision.StartsWith('/') || revision.EndsWith('/')
            || revision.Contains('\\', StringComparison.Ordinal) || revision.Any(c => c is ' ' or '~' or '^' or '?' or '*' or '[')
            ? $"the revision '{revision}' is not a branch, tag or commit name."
            : null;
    }

    /// <summary>Checks a path inside a repository: relative, '/'-separated, no '..' or empty segments.</summary>
    /// <param name="path">The path.</param>
    /// <returns>Null when valid, else the reason.</returns>
    internal static string? CheckRepoPath(string path)
    {
        if (path.Length == 0 || path.StartsWith('/') || path.Contains('\\', StringComparison.Ordinal) || Path.IsPathRooted(path) || path.Any(char.IsControl))
        {
            return $"the file path '{path}' must be relative to the repository, with '/' separators.";
        }

        return path.Split('/').Any(s => s is "" or "." or "..")
            ? $"the file path '{path}' may not contain '..', '.' or empty segments."
            : null;
    }

    [GeneratedRegex(@"^([A-Za-z0-9_.\-]+/)?[A-Za-z0-9_.\-]+$")]
    private static partial Regex RepoIdRegex();
}
