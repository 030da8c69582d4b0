namespace HfPipelines.Remote;

/// <summary>The CLI's <c>--backend</c> values.</summary>
public enum BackendChoice
{
    /// <summary>Only local models.</summary>
    Local,

    /// <summary>Only the remote backend (router or <c>--endpoint</c>).</summary>
    Remote,

    /// <summary>Local first, remote when a token or an endpoint is configured and the local side cannot serve.</summary>
    Auto,
}
