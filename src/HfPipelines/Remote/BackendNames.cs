namespace HfPipelines.Pipelines;

/// <summary>The values of <see cref="IBackendInfo.Backend"/>.</summary>
public static class BackendNames
{
    /// <summary>A model that runs in this process (ONNX Runtime, GenAI, llama.cpp).</summary>
    public const string Local = "local";

    /// <summary>A remote server (Hugging Face router, Inference Endpoint, OpenAI-compatible server).</summary>
    public const string Remote = "remote";

    /// <summary>A fallback decorator that has not answered yet.</summary>
    public const string None = "none";
}
