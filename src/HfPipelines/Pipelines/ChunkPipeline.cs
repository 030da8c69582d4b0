namespace HfPipelines.Pipelines;

/// <summary>
/// Base of every local pipeline, after the transformers "chunk pipeline": <see cref="Preprocess"/>
/// turns one input into one or more model inputs (one NLI pair per candidate label, one window per
/// chunk of a long text or audio), <see cref="ForwardBatchAsync"/> runs the model on a batch of model
/// inputs (the hot path, holding nothing else), and <see cref="Postprocess"/> gets all the model
/// outputs of one input back and builds its result. The base owns batching and cancellation.
/// </summary>
/// <typeparam name="TInput">The task input.</typeparam>
/// <typeparam name="TOptions">The task options.</typeparam>
/// <typeparam name="TResult">The task result.</typeparam>
/// <typeparam name="TModelInput">One model input (e.g. token ids of one window).</typeparam>
/// <typeparam name="TModelOutput">One model output (e.g. the logits of one window).</typeparam>
public abstract class ChunkPipeline<TInput, TOptions, TResult, TModelInput, TModelOutput> : IPipeline<TInput, TOptions, TResult>
    where TOptions : class, new()
{
    private int _disposed;

    /// <summary>Creates the pipeline.</summary>
    /// <param name="task">The Hugging Face task name.</param>
    /// <param name="batchSize">How many model inputs run in one forward call (at least 1).</param>
    protected ChunkPipeline(string task, int batchSize = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        Task = task;
        BatchSize = batchSize;
    }

    /// <inheritdoc />
    public string Task { get; }

    /// <summary>How many model inputs run in one forward call.</summary>
    public int BatchSize { get; }

    /// <inheritdoc />
    public async Task<TResult> RunAsync(TInput input, TOptions? options = null, CancellationToken cancellationToken = default)
    {
        var results = await RunBatchAsync([input], options, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<TResult>> RunBatchAsync(
        IReadOnlyList<TInput> inputs, TOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        options ??= new TOptions();
        Validate(options);

        // Preprocess everything first so that bad input fails before any model call.
        var chunks = new List<IReadOnlyList<TModelInput>>(inputs.Count);
        foreach (var input in inputs)
        {
            chunks.Add(Preprocess(input, options));
        }

        var flat = chunks.SelectMany(c => c).ToList();
        var outputs = new List<TModelOutput>(flat.Count);
        for (var start = 0; start < flat.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = flat.GetRange(start, Math.Min(BatchSize, flat.Count - start));
            var batchOutputs = await ForwardBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            if (batchOutputs.Count != batch.Count)
            {
                throw new InvalidOperationException($"{GetType().Name}.ForwardBatchAsync returned {batchOutputs.Count} outputs for {batch.Count} inputs.");
            }

            outputs.AddRange(batchOutputs);
        }

        var results = new TResult[inputs.Count];
        var offset = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var count = chunks[i].Count;
            results[i] = Postprocess(inputs[i], outputs.GetRange(offset, count), options);
            offset += count;
        }

        return results;
    }

    /// <summary>Checks the options once per call; throw <see cref="InvalidPipelineInputException"/> on bad values.</summary>
    /// <param name="options">The options.</param>
    protected virtual void Validate(TOptions options)
    {
    }

    /// <summary>Turns one input into its model inputs (at least one).</summary>
    /// <param name="input">The input.</param>
    /// <param name="options">The options.</param>
    /// <returns>The model inputs.</returns>
    protected abstract IReadOnlyList<TModelInput> Preprocess(TInput input, TOptions options);

    /// <summary>Runs the model on a batch of model inputs. Override to run real batches.</summary>
    /// <param name="batch">The model inputs (at most <see cref="BatchSize"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One output per model input, in order.</returns>
    protected abstract ValueTask<IReadOnlyList<TModelOutput>> ForwardBatchAsync(IReadOnlyList<TModelInput> batch, CancellationToken cancellationToken);

    /// <summary>Builds the result of one input from its model outputs.</summary>
    /// <param name="input">The input.</param>
    /// <param name="outputs">The outputs of the model inputs <see cref="Preprocess"/> made for it, in order.</param>
    /// <param name="options">The options.</param>
    /// <returns>The result.</returns>
    protected abstract TResult Postprocess(TInput input, IReadOnlyList<TModelOutput> outputs, TOptions options);

    /// <summary>Releases the model resources this pipeline owns.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Dispose(disposing: true);
            GC.SuppressFinalize(this);
        }
    }
}
