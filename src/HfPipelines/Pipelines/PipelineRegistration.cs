namespace HfPipelines.Pipelines;

/// <summary>
/// How one task's pipeline is created for a model reference. The factory returns the typed
/// <see cref="IPipeline{TInput, TOptions, TResult}"/> of the task (see <see cref="PipelineProviderExtensions"/>),
/// or null when this registration cannot serve that model (the next registration of the task is tried).
/// </summary>
/// <param name="Task">The Hugging Face task name.</param>
/// <param name="Backend">A short backend name for messages, e.g. <c>onnx</c>, <c>llamacpp</c>, <c>remote</c>.</param>
/// <param name="Factory">Creates the pipeline for a model reference.</param>
public sealed record PipelineRegistration(
    string Task,
    string Backend,
    Func<string, CancellationToken, ValueTask<object?>> Factory);
