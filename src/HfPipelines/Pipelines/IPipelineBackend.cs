using HfPipelines.Hub;
using Microsoft.Extensions.AI;
using HfPipelines.Composition;

namespace HfPipelines.Pipelines;

/// <summary>
/// A local backend that an assembly contributes to the pipeline provider: its task registrations (tried before the
/// ONNX Runtime ones of the core) and, for generative backends, chat clients over a model reference. The llama.cpp
/// backend (<c>HfPipelines.LlamaCpp</c>, GGUF files and whisper.cpp ggml files) and the ONNX Runtime GenAI backend
/// (<c>HfPipelines.OnnxGenAI</c>, GenAI folders) implement it; add them with <c>AddLlamaCpp()</c> /
/// <c>AddOnnxGenAI()</c> on a service collection, or pass them to
/// <see cref="Composition.Pipeline.CreateProvider(IEnumerable{IPipelineBackend}, HubOptions?, Composition.PipelineProviderOptions?, Onnx.OnnxPipelineOptions?)"/>.
/// Implementations are thread-safe and hold no loaded model themselves.
/// </summary>
public interface IPipelineBackend
{
    /// <summary>A short name for messages, e.g. <c>llamacpp</c>.</summary>
    string Name { get; }

    /// <summary>The task registrations of this backend over a model store.</summary>
    /// <param name="store">The store the registrations resolve model references through (borrowed).</param>
    /// <returns>The registrations, in the order they are tried.</returns>
    IEnumerable<PipelineRegistration> CreateRegistrations(ModelStore store);

    /// <summary>A chat client over a resolved model path, or null when this backend cannot serve it.</summary>
    /// <param name="path">The resolved path: a file or a folder (see <see cref="ModelStore.ResolveAsync"/>).</param>
    /// <param name="model">The model reference the user gave, for messages.</param>
    /// <returns>The chat client (the caller owns it), or null.</returns>
    /// <exception cref="ModelLoadException">The path is this backend's kind of model but cannot be loaded.</exception>
    IChatClient? TryCreateChatClient(string path, string model);
}
