namespace HfPipelines.Pipelines;

/// <summary>
/// A typed pipeline for one task: input in, result out, the same on every backend (local or remote).
/// Implementations are safe to call from several threads at once unless they say otherwise.
/// </summary>
/// <typeparam name="TInput">The task's input (text, text pair, image, audio ...).</typeparam>
/// <typeparam name="TOptions">The task's per-call options; null means the defaults.</typeparam>
/// <typeparam name="TResult">The task's result, shaped like the transformers pipeline's.</typeparam>
public interface IPipeline<TInput, TOptions, TResult> : IDisposable
    where TOptions : class
{
    /// <summary>The Hugging Face task name this pipeline serves.</summary>
    string Task { get; }

    /// <summary>Runs the task on one input.</summary>
    /// <param name="input">The input.</param>
    /// <param name="options">Per-call options, or null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call; the pipeline stays usable.</param>
    /// <returns>The result.</returns>
    Task<TResult> RunAsync(TInput input, TOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Runs the task on many inputs, batching model calls where the backend can.</summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="options">Per-call options, or null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call; the pipeline stays usable.</param>
    /// <returns>One result per input, in input order.</returns>
    Task<IReadOnlyList<TResult>> RunBatchAsync(IReadOnlyList<TInput> inputs, TOptions? options = null, CancellationToken cancellationToken = default);
}
