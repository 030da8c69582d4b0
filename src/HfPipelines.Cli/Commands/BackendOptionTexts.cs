using HfPipelines.Remote;

namespace HfPipelines.Cli.Commands;

/// <summary>The backend options every task command takes: their help texts, and their values read with the flags named.</summary>
internal static class BackendOptionTexts
{
    public const string Backend = "Where the task runs: local, remote (Hugging Face router or --endpoint), or auto (local, then remote when HF_TOKEN or --endpoint is set). Default auto.";

    public const string Endpoint = "Base URL of a dedicated Inference Endpoint, TGI/TEI, vLLM, llama.cpp server or Ollama (default: the router, or HF_INFERENCE_ENDPOINT).";

    public const string EndpointKind = "What --endpoint is: endpoint (default), tei, openai, or router.";

    /// <summary>Resolves <c>--backend</c>, <c>--endpoint</c> and <c>--endpoint-kind</c>; a bad value is an error naming its flag.</summary>
    public static BackendSelection Resolve(string? backend, string? endpoint, string? endpointKind)
    {
        Check(() => BackendSelection.ParseBackend(backend), $"--backend must be local, remote or auto, got '{backend}'.");
        Check(() => BackendSelection.ParseEndpointKind(endpointKind), $"--endpoint-kind must be endpoint, tei, openai or router, got '{endpointKind}'.");
        if (endpoint is not null && BackendSelection.ParseBackend(backend) == BackendChoice.Local)
        {
            throw new HfPipelinesException("--endpoint needs --backend remote or auto; --backend local never calls a server.");
        }

        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            Check(() => RemoteInferenceOptions.ParseUrl(endpoint, "--endpoint"), null);
        }

        return BackendSelection.Resolve(backend, endpoint, endpointKind);
    }

    private static void Check(Action parse, string? message)
    {
        try
        {
            parse();
        }
        catch (Exception ex) when (ex is HfPipelinesException or ArgumentException)
        {
            throw new HfPipelinesException(message ?? ex.Message, ex);
        }
    }
}
