using HfPipelines.Fallback;

namespace HfPipelines.Remote;

/// <summary>
/// Parses the <c>--backend local|remote|auto</c>, <c>--endpoint URL</c> and <c>--endpoint-kind</c> options every task
/// subcommand takes. The token comes from <c>HF_TOKEN</c> and goes only to Hugging Face hosts (an <c>--endpoint</c>
/// elsewhere gets no token). Errors throw <see cref="HfPipelinesException"/> naming the option and its valid values.
/// </summary>
public static class RemoteCliOptions
{
    /// <summary>Help text of <c>--backend</c>.</summary>
    public const string BackendDescription = "Where the task runs: local, remote (Hugging Face router or --endpoint), or auto (local, then remote when HF_TOKEN or --endpoint is set). Default auto.";

    /// <summary>Help text of <c>--endpoint</c>.</summary>
    public const string EndpointDescription = "Base URL of a dedicated Inference Endpoint, TGI/TEI, vLLM, llama.cpp server or Ollama (default: the router, or HF_INFERENCE_ENDPOINT).";

    /// <summary>Help text of <c>--endpoint-kind</c>.</summary>
    public const string EndpointKindDescription = "What --endpoint is: endpoint (default), tei, openai, or router.";

    /// <summary>Parses <c>--backend</c>; null or empty means auto.</summary>
    /// <param name="value">The option value.</param>
    /// <returns>The choice.</returns>
    public static BackendChoice ParseBackend(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => BackendChoice.Auto,
        "local" => BackendChoice.Local,
        "remote" => BackendChoice.Remote,
        _ => throw new HfPipelinesException($"--backend must be local, remote or auto, got '{value}'."),
    };

    /// <summary>Parses <c>--endpoint-kind</c>; null or empty means a dedicated endpoint.</summary>
    /// <param name="value">The option value.</param>
    /// <returns>The kind.</returns>
    public static RemoteEndpointKind ParseEndpointKind(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "endpoint" or "tgi" => RemoteEndpointKind.InferenceEndpoint,
        "tei" => RemoteEndpointKind.TextEmbeddingsInference,
        "openai" or "vllm" or "llama.cpp" or "ollama" => RemoteEndpointKind.OpenAICompatible,
        "router" => RemoteEndpointKind.Router,
        _ => throw new HfPipelinesException($"--endpoint-kind must be endpoint, tei, openai or router, got '{value}'."),
    };

    /// <summary>Resolves the options of one command run.</summary>
    /// <param name="backend">The <c>--backend</c> value, or null.</param>
    /// <param name="endpoint">The <c>--endpoint</c> value, or null.</param>
    /// <param name="endpointKind">The <c>--endpoint-kind</c> value, or null.</param>
    /// <param name="getVariable">Reads an environment variable; null reads the process environment.</param>
    /// <returns>The policy and remote options.</returns>
    public static BackendSelection Resolve(string? backend, string? endpoint = null, string? endpointKind = null, Func<string, string?>? getVariable = null)
    {
        var choice = ParseBackend(backend);
        if (choice == BackendChoice.Local)
        {
            return endpoint is null ? new BackendSelection(choice, FallbackPolicy.LocalOnly, null)
                : throw new HfPipelinesException("--endpoint needs --backend remote or auto; --backend local never calls a server.");
        }

        RemoteInferenceOptions remote;
        try
        {
            remote = RemoteInferenceOptions.FromEnvironment(getVariable);
            if (!string.IsNullOrWhiteSpace(endpoint))
            {
                remote.BaseUrl = RemoteInferenceOptions.ParseUrl(endpoint, "--endpoint");
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
