namespace HfPipelines.Hub;

/// <summary>What the Hub says about a repository at a revision, without downloading anything.</summary>
/// <param name="RepoId">The repository id.</param>
/// <param name="Revision">The revision asked for.</param>
/// <param name="Commit">The commit the revision points to.</param>
/// <param name="Files">Every file of the repository at that commit.</param>
/// <param name="SelectedFiles">The files <see cref="ModelStore.ResolveAsync"/> would fetch with default options.</param>
public sealed record RemoteModelInfo(string RepoId, string Revision, string Commit, IReadOnlyList<string> Files, IReadOnlyList<string> SelectedFiles);
