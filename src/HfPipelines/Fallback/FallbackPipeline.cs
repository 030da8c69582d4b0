using HfPipelines.Pipelines;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HfPipelines.Fallback;

/// <summary>
/// A pipeline that tries a local and a remote pipeline in the order its <see cref="FallbackPolicy"/> says. The local
/// side comes from a factory, so a load failure (model not found, <see cref="ModelLoadException"/>) falls back like a
/// run failure. Bad input (<see cref="InvalidPipelineInputException"/>) and the caller's cancellation never fall back.
/// Each fallback is logged with its reason. Thread-safe. <see cref="Backend"/> names the side that answered last.
/// </summary>
/// <typeparam name="TInput">The task input.</typeparam>
/// <typeparam name="TOptions">The task options.</typeparam>
/// <typeparam name="TResult">The task result.</typeparam>
public sealed class FallbackPipeline<TInput, TOptions, TResult> : IPipeline<TInput, TOptions, TResult>, IBackendInfo
    where TOptions : class
{
    private readonly LocalLoader<IPipeline<TInput, TOptions, TResult>>? _local;
    private readonly IPipeline<TInput, TOptions, TResult>? _remote;
    private readonly bool _ownsPipelines;
    private readonly ILogger _logger;
    private string _backend = BackendNames.None;

    /// <summary>Creates the decorator.</summary>
    /// <param name="task">The task name (for messages and logs).</param>
    /// <param name="policy">The order of the backends.</param>
    /// <param name="localFactory">Loads the local pipeline on first use; null when there is none (it then counts as failed).</param>
    /// <param name="remote">The remote pipeline, or null when there is none.</param>
    /// <param name="logger">Logs each fallback and why; null for none.</param>
    /// <param name="ownsPipelines">True to dispose the loaded local pipeline and the remote one with this decorator.</param>
    public FallbackPipeline(
        string task,
        FallbackPolicy policy,
        Func<CancellationToken, ValueTask<IPipeline<TInput, TOptions, TResult>>>? localFactory,
        IPipeline<TInput, TOptions, TResult>? remote,
        ILogger? logger = null,
        bool ownsPipelines = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        var order = FallbackRules.Order(policy);
        if (order.Contains(false) && remote is null)
        {
            throw new ArgumentException($"Fallback policy {policy} needs a remote pipeline for {task}; pass one or use {nameof(FallbackPolicy.LocalOnly)}.", nameof(remote));
        }

        Task = task;
        Policy = policy;
        _local = localFactory is null ? null : new LocalLoader<IPipeline<TInput, TOptions, TResult>>(localFactory);
        _remote = remote;
        _logger = logger ?? NullLogger.Instance;
        _ownsPipelines = ownsPipelines;
    }

    /// <inheritdoc />
    public string Task { get; }

    /// <summary>The order of the backends.</summary>
    public FallbackPolicy Policy { get; }

    /// <inheritdoc />
    public string Backend => Volatile.Read(ref _backend);

    /// <inheritdoc />
    public Task<TResult> RunAsync(TInput input, TOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync((pipeline, ct) => pipeline.RunAsync(input, options, ct), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TResult>> RunBatchAsync(IReadOnlyList<TInput> inputs, TOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync((pipeline, ct) => pipeline.RunBatchAsync(inputs, options, ct), cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsPipelines)
        {
            _remote?.Dispose();
            _local?.Loaded?.Dispose();
        }

        _local?.Dispose();
    }

    private async Task<T> RunAsync<T>(Func<IPipeline<TInput, TOptions, TResult>, CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        var order = FallbackRules.Order(Policy);
        var errors = new List<(string Backend, Exception Error)>();
        for (var i = 0; i < order.Count; i++)
        {
            var name = order[i] ? BackendNames.Local : BackendNames.Remote;
            try
            {
                var pipeline = order[i] ? await LocalAsync(cancellationToken).ConfigureAwait(false) : _remote!;
                var result = await run(pipeline, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _backend, (pipeline as IBackendInfo)?.Backend ?? name);
                return result;
            }
            catch (Exception ex) when (order.Count > 1 && FallbackRules.ShouldFallBack(ex, cancellationToken))
            {
                errors.Add((name, ex));
                if (i == order.Count - 1)
                {
                    throw new AllBackendsFailedException(Task, errors);
                }

                FallbackRules.FallingBack(_logger, Task, name, order[i + 1] ? BackendNames.Local : BackendNames.Remote, ex.GetType().Name, ex.Message);
            }
        }

        throw new InvalidOperationException("A fallback policy has at least one backend.");
    }

    private async ValueTask<IPipeline<TInput, TOptions, TResult>> LocalAsync(CancellationToken cancellationToken)
    {
        if (_local is null)
        {
            throw new ModelLoadException($"No local pipeline is configured for {Task}. Give the model as a local folder or Hub id, or use {nameof(FallbackPolicy.RemoteOnly)}.");
        }

        var (value, error, first) = await _local.GetAsync(cancellationToken).ConfigureAwait(false);
        if (first)
        {
            FallbackRules.LocalLoadFailed(_logger, Task, error!.GetType().Name, error.Message);
        }

        return value ?? throw (first ? error! : new ModelLoadException($"The local model for {Task} failed to load earlier: {error!.Message}", error));
    }
}
