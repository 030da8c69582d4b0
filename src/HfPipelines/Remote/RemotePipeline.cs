using HfPipelines.Pipelines;
using HfPipelines.Remote.Tasks;

namespace HfPipelines.Remote;

/// <summary>
/// A task pipeline answered by a remote server; same input, options and result types as the local pipeline of the
/// task. Thread-safe. Borrows the <see cref="RemoteInferenceClient"/> of the <see cref="RemotePipelines"/> that made it.
/// </summary>
/// <typeparam name="TInput">The task input.</typeparam>
/// <typeparam name="TOptions">The task options.</typeparam>
/// <typeparam name="TResult">The task result.</typeparam>
public sealed class RemotePipeline<TInput, TOptions, TResult> : IPipeline<TInput, TOptions, TResult>, IBackendInfo
    where TOptions : class, new()
{
    private readonly PipelineTask<TInput, TOptions, TResult> _task;
    private readonly RemoteCall _call;
    private int _disposed;

    internal RemotePipeline(PipelineTask<TInput, TOptions, TResult> task, RemoteCall call)
    {
        _task = task;
        _call = call;
    }

    /// <inheritdoc />
    public string Task => _task.Name;

    /// <inheritdoc />
    public string Backend => BackendNames.Remote;

    /// <summary>The model id sent to the server, or null for a dedicated endpoint.</summary>
    public string? Model => _call.Model;

    /// <summary>The server's base URL.</summary>
    public Uri BaseUrl => _call.Client.Options.BaseUrl;

    /// <inheritdoc />
    public Task<TResult> RunAsync(TInput input, TOptions? options = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (input is null)
        {
            throw new InvalidPipelineInputException($"{Task} needs an input; got null.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        return _task.RunRemoteAsync(_call, input, options ?? new TOptions(), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Sends one request per input, in order; the first failure ends the batch.</remarks>
    public async Task<IReadOnlyList<TResult>> RunBatchAsync(IReadOnlyList<TInput> inputs, TOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var results = new List<TResult>(inputs.Count);
        foreach (var input in inputs)
        {
            results.Add(await RunAsync(input, options, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <inheritdoc />
    public void Dispose() => Interlocked.Exchange(ref _disposed, 1);
}
