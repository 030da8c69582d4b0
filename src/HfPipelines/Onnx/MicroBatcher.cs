namespace HfPipelines.Onnx;

/// <summary>
/// Gathers concurrent calls into micro-batches. A call that arrives while the model is idle runs at once (no
/// added latency); calls that arrive while a batch is running wait until it ends or until <c>maxWait</c> passes
/// (whichever is first) and then run together, up to <c>maxBatchSize</c> items. A caller's items always run in
/// one batch. Thread-safe; time comes from an injected <see cref="TimeProvider"/>.
/// </summary>
/// <typeparam name="TItem">One item.</typeparam>
/// <typeparam name="TResult">One item's result.</typeparam>
internal sealed class MicroBatcher<TItem, TResult> : IDisposable
{
    private readonly Func<IReadOnlyList<TItem>, ValueTask<IReadOnlyList<TResult>>> _run;
    private readonly int _maxBatchSize;
    private readonly TimeSpan _maxWait;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<Entry> _pending = [];
    private int _pendingItems;
    private int _inFlight;
    private ITimer? _timer;

    public MicroBatcher(Func<IReadOnlyList<TItem>, ValueTask<IReadOnlyList<TResult>>> run, int maxBatchSize, TimeSpan maxWait, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        _run = run;
        _maxBatchSize = maxBatchSize;
        _maxWait = maxWait;
        _time = time;
    }

    /// <summary>How many batches have run (for tests and diagnostics).</summary>
    public int BatchesRun { get; private set; }

    public async Task<IReadOnlyList<TResult>> RunAsync(IReadOnlyList<TItem> items, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        bool alone;
        lock (_gate)
        {
            // Alone with an idle model: runs at once, with no entry, completion source or cancellation registration.
            alone = _inFlight == 0 && _pending.Count == 0;
            if (alone)
            {
                _inFlight++;
                BatchesRun++;
            }
        }

        if (!alone)
        {
            return await QueueAsync(items, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await _run(items).ConfigureAwait(false);
        }
        finally
        {
            EndRun();
        }
    }

    private async Task<IReadOnlyList<TResult>> QueueAsync(IReadOnlyList<TItem> items, CancellationToken cancellationToken)
    {
        var entry = new Entry(items, new TaskCompletionSource<IReadOnlyList<TResult>>(TaskCreationOptions.RunContinuationsAsynchronously));
        List<Entry>? batch = null;
        lock (_gate)
        {
            _pending.Add(entry);
            _pendingItems += items.Count;
            if (_inFlight == 0 || _pendingItems >= _maxBatchSize)
            {
                batch = TakeBatch();
            }
            else
            {
                _timer ??= _time.CreateTimer(_ => OnTimer(), null, _maxWait, Timeout.InfiniteTimeSpan);
            }
        }

        if (batch is not null)
        {
            await ExecuteAsync(batch).ConfigureAwait(false);
        }

        using var registration = cancellationToken.Register(() => entry.Completion.TrySetCanceled(cancellationToken));
        return await entry.Completion.Task.ConfigureAwait(false);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void OnTimer()
    {
        List<Entry>? batch;
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            batch = _pending.Count > 0 ? TakeBatch() : null;
        }

        if (batch is not null)
        {
            _ = ExecuteAsync(batch);
        }
    }

    /// <summary>Takes up to the batch size of pending items (always at least one entry). Call under the lock.</summary>
    private List<Entry> TakeBatch()
    {
        var batch = new List<Entry>();
        var count = 0;
        while (_pending.Count > 0 && (batch.Count == 0 || count + _pending[0].Items.Count <= _maxBatchSize))
        {
            count += _pending[0].Items.Count;
            batch.Add(_pending[0]);
            _pending.RemoveAt(0);
        }

        _pendingItems -= count;
        _inFlight++;
        BatchesRun++;
        return batch;
    }

    // Runs one batch, then hands the calls that queued meanwhile to a thread-pool task, so that a caller never
    // keeps serving other callers' batches after its own.
    private async Task ExecuteAsync(List<Entry> batch)
    {
        await RunOneAsync(batch).ConfigureAwait(false);
        EndRun();
    }

    /// <summary>Ends a run; the calls that queued meanwhile go to a thread-pool task as the next batch.</summary>
    private void EndRun()
    {
        List<Entry>? next;
        lock (_gate)
        {
            _inFlight--;
            next = _pending.Count > 0 ? TakeBatch() : null;
            if (next is not null && _pending.Count == 0)
            {
                _timer?.Dispose();
                _timer = null;
            }
        }

        if (next is not null)
        {
            _ = Task.Run(() => ExecuteAsync(next));
        }
    }

    private async Task RunOneAsync(List<Entry> batch)
    {
        try
        {
            var items = batch.SelectMany(e => e.Items).ToList();
            var results = await _run(items).ConfigureAwait(false);
            var offset = 0;
            foreach (var entry in batch)
            {
                entry.Completion.TrySetResult(results.Skip(offset).Take(entry.Items.Count).ToArray());
                offset += entry.Items.Count;
            }
        }
#pragma warning disable CA1031 // The error belongs to every caller of the batch: it is handed to each of them.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            batch.ForEach(e => e.Completion.TrySetException(ex));
        }
    }

    private sealed record Entry(IReadOnlyList<TItem> Items, TaskCompletionSource<IReadOnlyList<TResult>> Completion);
}
