using HfPipelines.Fallback;
using HfPipelines.Pipelines;
using HfPipelines.Remote;
using HfPipelines.Composition;

namespace HfPipelines.SemanticKernel;

/// <summary>
/// The provider the plugins use when the application registers none: the local backends behind the Hub store (the
/// core's ONNX Runtime backend plus every <see cref="IPipelineBackend"/> registered, e.g. by <c>AddLlamaCpp()</c>), and, when the options' backend or policy (or HF_TOKEN) asks for it, the Hugging Face Inference router behind
/// the fallback decorator.
/// </summary>
internal static class DefaultPipelineProvider
{
    public static IPipelineProvider Create(HfPipelinesOptions options, IEnumerable<IPipelineBackend> backends)
    {
        var selection = BackendSelection.Resolve(options.Backend);
        var policy = options.FallbackPolicy is { } name ? HfPipelinesOptions.ParsePolicy(name) : selection.Policy;
        var remote = selection.Remote ?? (policy == FallbackPolicy.LocalOnly ? null : RemoteInferenceOptions.FromEnvironment());
        return Pipeline.CreateProvider(selection with { Policy = policy, Remote = remote }, backends, options: new PipelineProviderOptions { Tasks = options.TaskCatalog });
    }
}
