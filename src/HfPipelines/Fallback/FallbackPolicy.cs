namespace HfPipelines.Fallback;

/// <summary>Which backend serves a task, and whether the other one takes over when it cannot.</summary>
public enum FallbackPolicy
{
    /// <summary>Only the local model; its errors reach the caller.</summary>
    LocalOnly,

    /// <summary>The local model; the remote backend when it is absent, fails to load or fails to run.</summary>
    LocalThenRemote,

    /// <summary>The remote backend; the local model when the remote call fails.</summary>
    RemoteThenLocal,

    /// <summary>Only the remote backend; its errors reach the caller.</summary>
    RemoteOnly,
}
