using HfPipelines.Fallback;

namespace HfPipelines.Remote;

/// <summary>What <c>--backend</c> / <c>--endpoint</c> resolved to: the fallback policy and, unless local only, the remote options.</summary>
/// <param name="Choice">The backend asked for.</param>
/// <param name="Policy">The fallback policy to wrap each task in.</param>
/// <param name="Remote">The remote options, or null for local only.</param>
public sealed record BackendSelection(BackendChoice Choice, FallbackPolicy Policy, RemoteInferenceOptions? Remote);
