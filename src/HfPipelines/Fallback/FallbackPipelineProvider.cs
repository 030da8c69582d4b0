using System.Collections.Concurrent;
using HfPipelines.Pipelines;
using Microsoft.Extensions.Logging;

namespace HfPipelines.Fallback;

/// <summary>
/// An <see cref="IPipelineProvider"/> that wraps each task in a <see cref="FallbackPipeline{TInput, TOptions, TResult}"/>
/// over a local and a remote provider, with the policy <see cref="FallbackOptions.PolicyFor"/> gives the task. The
/// local pipeline is loaded only when the policy reaches it, so a missing model falls back. Thread-safe. Borrows both
/// providers; the decorators it returns are owned by it (do not dispose them).
/// </summary>
public sealed class FallbackPipelineProvider : IPipelineProvider
{
    private readonly IPipelineProvider? _local;
    private readonly IPipelineProvider? _remote;
    private readonly FallbackOptions _options;
    private readonly ILogger? _logger;
    private readonly Func<string?, string?> _remoteModel;
    private readonly ConcurrentDictionary<(string Task, string? Model, Type Types), object> _cache = new();

    /// <summary>Creates the provider.</summary>
    /// <param name="local">The local provider, or null when there is none.</param>
    /// <param name="remote">The remote provider (e.g. <see cref="Remote.RemotePipelineProvider"/>), or null.</param>
    /// <param name="options">The policy per task.</param>
    /// <param name="logger">Logs each fallback; null for none.</param>
    /// <param name="remoteModel">
    /// Maps a local model reference to the id the remote side gets; default drops an <c>@revision</c> and keeps the rest.
    /// </param>
    public FallbackPipelineProvider(IPipelineProvider? local, IPipelineProvider? remote, FallbackOptions options, ILogger? logger = null, Func<string?, string?>? remoteModel = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _local = local;
        _remote = remote;
        _options = options;
        _logger = logger;
        _remoteModel = remoteModel ?? (model => model?.Split('@')[0]);
    }

    /// <inheritdoc />
    public async ValueTask<IPipeline<TInput, TOptions, TResult>> GetAsync<TInput, TOptions, TResult>(string task, string? model = null, CancellationToken cancellationToken = default)
        where TOptions : class
    {
        var name = Tasks.PipelineTasks.TryResolve(task, out var info) ? info.Name : task;
        var key = (name, model, typeof(IPipeline<TInput, TOptions, TResult>));
        if (_cache.TryGetValue(key, out var cached))
        {
            return (IPipeline<TInput, TOptions, TResult>)cached;
        }

        var policy = _options.PolicyFor(name);
        var remote = FallbackRules.Order(policy).Contains(false) && _remote is not null
            ? await _remote.GetAsync<TInput, TOptions, TResult>(name, _remoteModel(model), cancellationToken).ConfigureAwait(false)
            : null;
        if (remote is null && policy != FallbackPolicy.LocalOnly)
        {
            policy = policy == FallbackPolicy.RemoteOnly
                ? throw new ArgumentException($"Fallback policy {policy} for {name} needs a remote provider; configure one or change the policy.", nameof(task))
                : FallbackPolicy.LocalOnly;
        }

        Func<CancellationToken, ValueTask<IPipeline<TInput, TOptions, TResult>>>? localFactory =
            _local is null ? null : ct => _local.GetAsync<TInput, TOptions, TResult>(task, model, ct);
        var pipeline = new FallbackPipeline<TInput, TOptions, TResult>(name, policy, localFactory, remote, _logger);
        var winner = _cache.GetOrAdd(key, pipeline);
        if (!ReferenceEquals(winner, pipeline))
        {
            // Another caller made the same decorator first: ours is never handed out.
            pipeline.Dispose();
        }

        return (IPipeline<TInput, TOptions, TResult>)winner;
    }

    /// <summary>Disposes the decorators this provider made; the local and remote providers are borrowed and stay.</summary>
    public void Dispose()
    {
        foreach (var decorator in _cache.Values)
        {
            (decorator as IDisposable)?.Dispose();
        }

        _cache.Clear();
    }
}
