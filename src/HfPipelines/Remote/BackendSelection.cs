using HfPipelines.Fallback;

namespace HfPipelines.Remote;

/// <summary>
/// Where tasks run: the backend asked for (local, remote, auto), the fallback policy that follows, and, unless local
/// only, the remote options. <see cref="Resolve"/> reads them from the values a surface was given (the CLI's
/// <c>--backend</c>/<c>--endpoint</c>/<c>--endpoint-kind</c>, <c>HfPipelinesOptions.Backend</c>) and the environment.
/// The token comes from <c>HF_TOKEN</c> and goes only to Hugging Face hosts (an endpoint elsewhere gets no token).
/// </summary>
/// <param name="Choice">The backend asked for.</param>
/// <param name="Policy">The fallback policy to wrap each task in.</param>
/// <param name="Remote">The remote options, or null for local only.</param>
public sealed record BackendSelection(BackendChoice Choice, FallbackPolicy Policy, RemoteInferenceOptions? Remote)
{
    /// <summary>Parses a backend name; null or empty means auto.</summary>
    /// <param name="value">local, remote or auto.</param>
    /// <returns>The choice.</returns>
    /// <exception cref="HfPipelinesException">The name is none of these.</exception>
    public static BackendChoice ParseBackend(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => BackendChoice.Auto,
        "local" => BackendChoice.Local,
        "remote" => BackendChoice.Remote,
        _ => throw new HfPipelinesException($"The backend must be local, remote or auto, got '{value}'."),
    };

    /// <summary>Parses what kind of server an endpoint is; null or empty means a dedicated endpoint.</summary>
    /// <param name="value">endpoint (or tgi), tei, openai (or vllm, llama.cpp, ollama), router.</param>
    /// <returns>The kind.</returns>
    /// <exception cref="HfPipelinesException">The name is none of these.</exception>
    public static RemoteEndpointKind ParseEndpointKind(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "endpoint" or "tgi" => RemoteEndpointKind.InferenceEndpoint,
        "tei" => RemoteEndpointKind.TextEmbeddingsInference,
        "openai" or "vllm" or "llama.cpp" or "ollama" => RemoteEndpointKind.OpenAICompatible,
        "router" => RemoteEndpointKind.Router,
        _ => throw new HfPipelinesException($"The endpoint kind must be endpoint, tei, openai or router, got '{value}'."),
    };

    /// <summary>Resolves a backend choice, an optional endpoint and its kind, with the environment (HF_TOKEN, HF_INFERENCE_ENDPOINT).</summary>
    /// <param name="backend">local, remote or auto; null for auto.</param>
    /// <param name="endpoint">The base URL of a server, or null for the router (or HF_INFERENCE_ENDPOINT).</param>
    /// <param name="endpointKind">What the endpoint is (see <see cref="ParseEndpointKind"/>), or null.</param>
    /// <param name="getVariable">Reads an environment variable; null reads the process environment.</param>
    /// <returns>The policy and remote options.</returns>
    /// <exception cref="HfPipelinesException">A value is not valid; the message names it and the valid ones.</exception>
    public static BackendSelection Resolve(string? backend, string? endpoint = null, string? endpointKind = null, Func<string, string?>? getVariable = null)
    {
        var choice = ParseBackend(backend);
        if (choice == BackendChoice.Local)
        {
            return endpoint is null ? new BackendSelection(choice, FallbackPolicy.LocalOnly, null)
                : throw new HfPipelinesException("An endpoint needs the remote or auto backend; the local backend never calls a server.");
        }

        RemoteInferenceOptions remote;
        try
        {
            remote = RemoteInferenceOptions.FromEnvironment(getVariable);
            if (!string.IsNullOrWhiteSpace(endpoint))
            {
                remote.BaseUrl = RemoteInferenceOptions.ParseUrl(endpoint, "The endpoint");
                remote.Kind = ParseEndpointKind(endpointKind);
            }
        }
        catch (ArgumentException ex)
        {
            throw new HfPipelinesException(ex.Message, ex);
        }

        var policy = choice == BackendChoice.Remote ? FallbackPolicy.RemoteOnly : FallbackOptions.For(remote).DefaultPolicy;
        return new BackendSelection(choice, policy, policy == FallbackPolicy.LocalOnly ? null : remote);
    }
}
