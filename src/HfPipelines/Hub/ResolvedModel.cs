namespace HfPipelines.Hub;

/// <summary>A model ready on disk.</summary>
/// <param name="Reference">The reference that was resolved, as given.</param>
/// <param name="Path">The model folder (a cache snapshot folder, a local folder, the embedded copy), or the file for <c>org/name:file</c> and local files.</param>
/// <param name="Commit">The 40-hex commit of the snapshot, or null for local and embedded models.</param>
/// <param name="IsEmbedded">True when the model came from the package embedded in HfPipelines (no cache, no network).</param>
/// <param name="Files">The files of the model, relative to the folder, '/'-separated.</param>
public sealed record ResolvedModel(string Reference, string Path, string? Commit, bool IsEmbedded, IReadOnlyList<string> Files);
