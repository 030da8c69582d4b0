namespace HfPipelines.Hub;

/// <summary>Progress of a download, reported while bytes arrive.</summary>
/// <param name="RepoId">The repository.</param>
/// <param name="FilePath">The file inside the repository.</param>
/// <param name="BytesDownloaded">Bytes of this file on disk so far (a resumed download starts above 0).</param>
/// <param name="TotalBytes">The file's size, when known.</param>
/// <param name="FileIndex">Zero-based index of this file among the files being fetched.</param>
/// <param name="FileCount">Number of files being fetched.</param>
public sealed record DownloadProgress(string RepoId, string FilePath, long BytesDownloaded, long? TotalBytes, int FileIndex, int FileCount);
