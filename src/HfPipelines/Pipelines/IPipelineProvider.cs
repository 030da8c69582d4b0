namespace HfPipelines.Pipelines;

/// <summary>
/// Gives the pipeline of a task for a model, loading it on first use and sharing it afterwards (a model
/// is never loaded twice). The backend (ONNX Runtime, GenAI, llama.cpp, remote) is chosen from the model
/// and the fallback policy. Thread-safe. The typed helpers in <see cref="PipelineProviderExtensions"/> name
/// each task's input, options and result types. Disposing the provider disposes every pipeline it loaded (and
/// whatever it owns: its model store, the decorators it made); pipelines it handed out must not be used afterwards.
/// </summary>
public interface IPipelineProvider : IDisposable
{
    /// <summary>Gets (loading on first use) the pipeline of a task.</summary>
    /// <typeparam name="TInput">The task's input type.</typeparam>
    /// <typeparam name="TOptions">The task's options type.</typeparam>
    /// <typeparam name="TResult">The task's result type.</typeparam>
    /// <param name="task">A task name or alias.</param>
    /// <param name="model">A model reference; null for the task's configured default.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    /// <returns>The pipeline; owned by the provider, do not dispose it.</returns>
    ValueTask<IPipeline<TInput, TOptions, TResult>> GetAsync<TInput, TOptions, TResult>(
        string task, string? model = null, CancellationToken cancellationToken = default)
        where TOptions : class;
}
