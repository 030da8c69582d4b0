using HfPipelines.Pipelines;
using HfPipelines.Fallback;
using HfPipelines.Hub;
using HfPipelines.Onnx;
using HfPipelines.Remote;

namespace HfPipelines.Composition;

/// <summary>
/// The entry point in the spirit of transformers' <c>pipeline(task, model)</c>: a provider that loads each task's
/// pipeline on first use from a model reference (Hub id, <c>org/name@revision</c>, or a local folder), shares it,
/// and disposes everything with itself.
/// <code>
/// using var pipelines = Pipeline.CreateProvider();
/// var classifier = await pipelines.GetZeroShotClassificationAsync(); // the embedded all-MiniLM-L6-v2
/// var result = await classifier.RunAsync("The match went to extra time", new() { CandidateLabels = ["sports", "politics"] });
/// </code>
/// </summary>
public static class Pipeline
{
    /// <summary>Creates a provider over the Hub store and the local ONNX Runtime backend.</summary>
    /// <param name="hub">Hub and cache settings; null reads them from the environment (HF_HOME, HF_TOKEN ...).</param>
    /// <param name="extraRegistrations">More backends, tried before the ONNX ones (e.g. llama.cpp or GenAI text generation).</param>
    /// <param name="onnx">ONNX Runtime and batching options; null for the defaults.</param>
    /// <param name="options">Default models per task; null for the defaults.</param>
    /// <returns>The provider; it owns its model store and every pipeline it loads.</returns>
    public static PipelineProvider CreateProvider(
        HubOptions? hub = null,
        IEnumerable<PipelineRegistration>? extraRegistrations = null,
        OnnxPipelineOptions? onnx = null,
        PipelineProviderOptions? options = null)
    {
        var store = new ModelStore(hub ?? HubOptions.FromEnvironment());
        try
        {
            var registrations = (extraRegistrations ?? []).Concat(LocalPipelines.Registrations(store, (options?.Tasks ?? PipelineTaskCatalog.Default).All, onnx));
            return new PipelineProvider(registrations, options, ownedResource: store);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates a provider over the Hub store, the backends an application adds (e.g. <c>new LlamaCppBackend()</c>,
    /// <c>new OnnxGenAIBackend()</c>; their registrations are tried first) and the core's ONNX Runtime backend.
    /// <code>
    /// using var pipelines = Pipeline.CreateProvider([new LlamaCppBackend()]);
    /// var generator = await pipelines.GetTextGenerationAsync("stories260K.gguf");
    /// </code>
    /// </summary>
    /// <param name="backends">The backends to add, tried in order before the ONNX Runtime ones.</param>
    /// <param name="hub">Hub and cache settings; null reads them from the environment.</param>
    /// <param name="options">Default models per task; null for the defaults.</param>
    /// <param name="onnx">ONNX Runtime and batching options; null for the defaults.</param>
    /// <returns>The provider; it owns its model store and every pipeline it loads.</returns>
    public static PipelineProvider CreateProvider(
        IEnumerable<IPipelineBackend> backends,
        HubOptions? hub = null,
        PipelineProviderOptions? options = null,
        OnnxPipelineOptions? onnx = null)
    {
        ArgumentNullException.ThrowIfNull(backends);
        var list = backends.ToList();
        return CreateProvider(hub, store => list.SelectMany(b => b.CreateRegistrations(store)), onnx, options);
    }

    /// <summary>Creates a provider and lets a factory add backends that need the same model store.</summary>
    /// <param name="hub">Hub and cache settings; null reads them from the environment.</param>
    /// <param name="extraRegistrations">Builds more registrations from the provider's store (tried first).</param>
    /// <param name="onnx">ONNX Runtime and batching options; null for the defaults.</param>
    /// <param name="options">Default models per task; null for the defaults.</param>
    /// <returns>The provider.</returns>
    public static PipelineProvider CreateProvider(
        HubOptions? hub,
        Func<ModelStore, IEnumerable<PipelineRegistration>> extraRegistrations,
        OnnxPipelineOptions? onnx = null,
        PipelineProviderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(extraRegistrations);
        var store = new ModelStore(hub ?? HubOptions.FromEnvironment());
        try
        {
            var registrations = extraRegistrations(store).Concat(LocalPipelines.Registrations(store, (options?.Tasks ?? PipelineTaskCatalog.Default).All, onnx));
            return new PipelineProvider(registrations, options, ownedResource: store);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates a provider for a backend selection (e.g. <see cref="BackendSelection.Resolve"/>): the local backends
    /// unless the policy is remote only, and, when the selection has remote options, the remote backend with the
    /// selection's fallback policy between the two.
    /// </summary>
    /// <param name="selection">The backend choice, policy and remote options.</param>
    /// <param name="extraRegistrations">Builds more local registrations from the provider's store (tried first); null for none.</param>
    /// <param name="hub">Hub and cache settings; null reads them from the environment.</param>
    /// <returns>The provider; disposing it disposes everything it created.</returns>
    public static IPipelineProvider CreateProvider(
        BackendSelection selection,
        Func<ModelStore, IEnumerable<PipelineRegistration>>? extraRegistrations = null,
        HubOptions? hub = null) =>
        CreateProvider(selection, extraRegistrations, hub, options: null);

    /// <summary>
    /// As <see cref="CreateProvider(BackendSelection, Func{ModelStore, IEnumerable{PipelineRegistration}}?, HubOptions?)"/>,
    /// with the local side built from added backends (tried before the ONNX Runtime ones) and provider options.
    /// </summary>
    /// <param name="selection">The backend choice, policy and remote options.</param>
    /// <param name="backends">Local backends to add (llama.cpp, GenAI ...); empty for the ONNX Runtime ones alone.</param>
    /// <param name="hub">Hub and cache settings; null reads them from the environment.</param>
    /// <param name="options">Default models per task; null for the defaults.</param>
    /// <returns>The provider; disposing it disposes everything it created.</returns>
    public static IPipelineProvider CreateProvider(
        BackendSelection selection,
        IEnumerable<IPipelineBackend> backends,
        HubOptions? hub = null,
        PipelineProviderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(backends);
        var list = backends.ToList();
        return CreateProvider(selection, store => list.SelectMany(b => b.CreateRegistrations(store)), hub, options);
    }

    private static IPipelineProvider CreateProvider(
        BackendSelection selection,
        Func<ModelStore, IEnumerable<PipelineRegistration>>? extraRegistrations,
        HubOptions? hub,
        PipelineProviderOptions? options)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var local = selection.Policy == FallbackPolicy.RemoteOnly ? null : CreateProvider(hub, extraRegistrations ?? (_ => []), options: options);
        if (selection.Remote is null || selection.Policy == FallbackPolicy.LocalOnly)
        {
            return local ?? throw new ArgumentException("A remote-only selection needs remote options.", nameof(selection));
        }

        var remote = new RemotePipelines(selection.Remote);
        var remoteProvider = new RemotePipelineProvider(remote);
        var fallback = new FallbackPipelineProvider(local, remoteProvider, new FallbackOptions { DefaultPolicy = selection.Policy });
        return new OwningPipelineProvider(fallback, fallback, remoteProvider, remote, local);
    }
}
