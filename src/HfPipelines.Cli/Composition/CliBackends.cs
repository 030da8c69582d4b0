using HfPipelines.Hub;
using HfPipelines.LlamaCpp;
using HfPipelines.OnnxGenAI;
using HfPipelines.Pipelines;
using HfPipelines.Composition;

namespace HfPipelines.Cli.Composition;

/// <summary>The local backends <c>hfp</c> adds to the core's ONNX Runtime ones: llama.cpp (GGUF, whisper.cpp ggml) and ONNX Runtime GenAI folders.</summary>
internal static class CliBackends
{
    /// <summary>The backends, tried in this order.</summary>
    /// <param name="threads">CPU threads for generative models; null for each backend's default.</param>
    /// <param name="chatTemplate">Jinja text replacing the models' own chat template (<c>--chat-template</c>); null keeps theirs.</param>
    /// <returns>The backends.</returns>
    public static IReadOnlyList<IPipelineBackend> Create(int? threads = null, string? chatTemplate = null)
    {
        var llama = new LlamaCppModelOptions { ChatTemplate = chatTemplate };
        var genai = new OnnxGenAIModelOptions { ChatTemplate = chatTemplate };
        if (threads is { } count)
        {
            llama.Threads = count;
            genai.Threads = count;
        }

        return [new LlamaCppBackend(llama), new OnnxGenAIBackend(genai)];
    }

    /// <summary>The registrations of every backend over a store (for <see cref="Pipeline.CreateProvider(HubOptions?, Func{ModelStore, IEnumerable{PipelineRegistration}}, Onnx.OnnxPipelineOptions?, PipelineProviderOptions?)"/>).</summary>
    /// <param name="store">The store.</param>
    /// <returns>The registrations.</returns>
    public static IEnumerable<PipelineRegistration> Registrations(ModelStore store) =>
        Create().SelectMany(b => b.CreateRegistrations(store));
}
