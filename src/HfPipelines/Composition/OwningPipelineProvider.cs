using HfPipelines.Pipelines;
namespace HfPipelines.Composition;

/// <summary>A provider that disposes what it was composed from, in the given order (reverse order of creation).</summary>
internal sealed class OwningPipelineProvider(IPipelineProvider inner, params IDisposable?[] owned) : IPipelineProvider
{
    public ValueTask<IPipeline<TInput, TOptions, TResult>> GetAsync<TInput, TOptions, TResult>(string task, string? model = null, CancellationToken cancellationToken = default)
        where TOptions : class =>
        inner.GetAsync<TInput, TOptions, TResult>(task, model, cancellationToken);

    public void Dispose()
    {
        foreach (var resource in owned)
        {
            resource?.Dispose();
        }
    }
}
