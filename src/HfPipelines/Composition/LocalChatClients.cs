using HfPipelines.Hub;
using HfPipelines.Pipelines;
using Microsoft.Extensions.AI;

namespace HfPipelines.Composition;

/// <summary>Opens a local chat model through the registered backends: the first backend that can serve it wins.</summary>
public static class LocalChatClients
{
    /// <summary>Resolves a model reference through the store and opens it with the first backend that serves it.</summary>
    /// <param name="store">The model store (borrowed).</param>
    /// <param name="backends">The backends, tried in order.</param>
    /// <param name="model">A model reference: a GGUF file, <c>org/name:file.gguf</c>, a GenAI folder, a Hub id.</param>
    /// <param name="cancellationToken">Cancels the resolve (a download, for a Hub id).</param>
    /// <returns>The chat client (the caller owns it), or null when no backend serves the model.</returns>
    public static async Task<IChatClient?> TryCreateAsync(ModelStore store, IEnumerable<IPipelineBackend> backends, string model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var resolved = await store.ResolveAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var backend in backends)
        {
            if (backend.TryCreateChatClient(resolved.Path, model) is { } client)
            {
                return client;
            }
        }

        return null;
    }

    /// <summary>As <see cref="TryCreateAsync"/>, but a model no backend serves is a typed error naming the backends.</summary>
    /// <param name="store">The model store (borrowed).</param>
    /// <param name="backends">The backends, tried in order.</param>
    /// <param name="model">A model reference.</param>
    /// <param name="cancellationToken">Cancels the resolve.</param>
    /// <returns>The chat client; the caller owns it.</returns>
    /// <exception cref="ModelLoadException">No backend serves the model, or none is registered.</exception>
    public static async Task<IChatClient> CreateAsync(ModelStore store, IReadOnlyList<IPipelineBackend> backends, string model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backends);
        if (backends.Count == 0)
        {
            throw new ModelLoadException(
                $"No generative backend is registered, so '{model}' cannot be opened as a chat model. Add one: services.AddLlamaCpp() (GGUF files, package HfPipelines.LlamaCpp) or services.AddOnnxGenAI() (GenAI folders, package HfPipelines.OnnxGenAI).");
        }

        return await TryCreateAsync(store, backends, model, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelLoadException(
                $"'{model}' is not a chat model that the registered backends open ({string.Join(", ", backends.Select(b => b.Name))}): give a .gguf file (or org/name:file.gguf) for llama.cpp, or an ONNX Runtime GenAI folder (genai_config.json).");
    }
}
