namespace HfPipelines.Remote;

/// <summary>What kind of server a <see cref="RemoteInferenceOptions.BaseUrl"/> points at; it decides the routes.</summary>
public enum RemoteEndpointKind
{
    /// <summary>
    /// The Hugging Face Inference Providers router (default <c>https://router.huggingface.co</c>): tasks at
    /// <c>{base}/{provider}/models/{model}</c>, chat at <c>{base}/v1/chat/completions</c>.
    /// </summary>
    Router,

    /// <summary>
    /// A dedicated Inference Endpoint or a self-hosted TGI / transformers server serving one model: tasks at
    /// <c>POST {base}</c> with <c>inputs</c>/<c>parameters</c>, chat at <c>{base}/v1/chat/completions</c>.
    /// </summary>
    InferenceEndpoint,

    /// <summary>A Text Embeddings Inference (TEI) server: embeddings at <c>{base}/embed</c>, the rest as <see cref="InferenceEndpoint"/>.</summary>
    TextEmbeddingsInference,

    /// <summary>
    /// An OpenAI-compatible server (vLLM, llama.cpp server, Ollama, TGI): chat at <c>{base}/v1/chat/completions</c>,
    /// embeddings at <c>{base}/v1/embeddings</c>; other tasks are not offered.
    /// </summary>
    OpenAICompatible,
}
