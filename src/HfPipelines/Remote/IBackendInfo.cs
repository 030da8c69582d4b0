namespace HfPipelines.Pipelines;

/// <summary>
/// Says which backend answers a pipeline or chat client, so that callers can tell local from remote
/// without the result types changing. For a fallback decorator it names the backend that answered last.
/// </summary>
public interface IBackendInfo
{
    /// <summary>The backend name, e.g. <c>local</c> or <c>remote</c> (see <see cref="BackendNames"/>).</summary>
    string Backend { get; }
}
