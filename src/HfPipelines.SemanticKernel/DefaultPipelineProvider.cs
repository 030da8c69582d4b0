using HfPipelines.Fallback;
using HfPipelines.Hub;
using HfPipelines.Pipelines;
using HfPipelines.Remote;

namespace HfPipelines.SemanticKernel;

/// <summary>
/// The provider the plugins use when the application registers none: the local backends behind the Hub store,
/// and, when the options' backend or policy (or HF_TOKEN) asks for it, the Hugging Face Inference router behind
/// the fallback decorator. Disposes what it created.
/// </summary>
internal sealed class DefaultPipelineProvider : IPipelineProvider, IDisposable
{
    private readonly IPipelineProvider _inner;
    private readonly IDisposable?[] _owned;

    private DefaultPipelineProvider(IPipelineProvider inner, params IDisposable?[] owned)
    {
        _inner = inner;
        _owned = owned;
    }

    public static IPipelineProvider Create(HfPipelinesOptions options)
    {
        var selection = RemoteCliOptions.Resolve(options.Backend);
        var policy = options.FallbackPolicy is { } name ? HfPipelinesOptions.ParsePolicy(name) : selection.Policy;
        var remoteOptions = selection.Remote ?? (policy == FallbackPolicy.LocalOnly ? null : RemoteInferenceOptions.FromEnvironment());
        var local = policy == FallbackPolicy.RemoteOnly ? null : Pipeline.CreateProvider(HubOptions.FromEnvironment());
        if (remoteOptions is null || policy == FallbackPolicy.LocalOnly)
        {
            return local!;
        }

        var remote = new RemotePipelines(remoteOptions);
        var fallback = new FallbackPipelineProvider(local, new RemotePipelineProvider(remote), new FallbackOptions { DefaultPolicy = policy });
        return new DefaultPipelineProvider(fallback, remote, local);
    }

    public ValueTask<IPipeline<TInput, TOptions, TResult>> GetAsync<TInput, TOptions, TResult>(string task, string? model = null, CancellationToken cancellationToken = default)
        where TOptions : class =>
        _inner.GetAsync<TInput, TOptions, TResult>(task, model, cancellationToken);

    public void Dispose()
    {
        foreach (var resource in _owned)
        {
            resource?.Dispose();
        }
    }
}
