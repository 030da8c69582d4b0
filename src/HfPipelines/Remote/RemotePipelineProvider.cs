using System.Collections.Concurrent;
using HfPipelines.Pipelines;

namespace HfPipelines.Remote;

/// <summary>
/// An <see cref="IPipelineProvider"/> whose pipelines all run remotely; each (task, model, types) pipeline is made once.
/// Thread-safe. Borrows <see cref="RemotePipelines"/>; the pipelines it returns are owned by it (do not dispose them).
/// </summary>
public sealed class RemotePipelineProvider : IPipelineProvider
{
    private readonly RemotePipelines _pipelines;
    private readonly ConcurrentDictionary<(string Task, string? Model, Type Types), object> _cache = new();

    /// <summary>Creates the provider.</summary>
    /// <param name="pipelines">The remote factory, borrowed.</param>
    public RemotePipelineProvider(RemotePipelines pipelines)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        _pipelines = pipelines;
    }

    /// <inheritdoc />
    public ValueTask<IPipeline<TInput, TOptions, TResult>> GetAsync<TInput, TOptions, TResult>(string task, string? model = null, CancellationToken cancellationToken = default)
        where TOptions : class
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pipeline = _cache.GetOrAdd(
            (_pipelines.Tasks.Resolve(task).Name, model, typeof(IPipeline<TInput, TOptions, TResult>)),
            key => _pipelines.Create<TInput, TOptions, TResult>(key.Task, key.Model));
        return ValueTask.FromResult((IPipeline<TInput, TOptions, TResult>)pipeline);
    }

    /// <summary>Disposes the pipelines this provider made; the <see cref="RemotePipelines"/> factory is borrowed and stays.</summary>
    public void Dispose()
    {
        foreach (var pipeline in _cache.Values)
        {
            (pipeline as IDisposable)?.Dispose();
        }

        _cache.Clear();
    }
}
