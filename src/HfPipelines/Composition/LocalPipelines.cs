using HfPipelines.Hub;
using HfPipelines.Onnx;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Composition;

/// <summary>
/// The registrations of the core's local backend (ONNX Runtime), for <see cref="PipelineProvider"/>: one per local
/// factory of each task descriptor (<see cref="PipelineTask.LocalFactories"/>). Each resolves the model reference
/// through the <see cref="ModelStore"/> (local folder, cache, embedded model, or a download) and builds the task's
/// pipeline when the model has what the factory needs, or declines (returns null) so that another backend can try.
/// </summary>
public static class LocalPipelines
{
    /// <summary>Registrations for every built-in task this assembly runs locally.</summary>
    /// <param name="store">The model store (borrowed; it must outlive the provider).</param>
    /// <param name="options">ONNX Runtime and batching options for the encoder tasks; null for the defaults.</param>
    /// <returns>The registrations, in the order they are tried.</returns>
    public static IReadOnlyList<PipelineRegistration> Registrations(ModelStore store, OnnxPipelineOptions? options = null) =>
        Registrations(store, PipelineTasks.All, options);

    /// <summary>Registrations for the local factories of the given tasks.</summary>
    /// <param name="store">The model store (borrowed; it must outlive the provider).</param>
    /// <param name="tasks">The task descriptors.</param>
    /// <param name="options">ONNX Runtime and batching options; null for the defaults.</param>
    /// <returns>The registrations, in the order they are tried.</returns>
    public static IReadOnlyList<PipelineRegistration> Registrations(ModelStore store, IEnumerable<PipelineTask> tasks, OnnxPipelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tasks);
        var effective = WithStore(store, options);
        return [.. tasks.SelectMany(task => task.LocalFactories.Select(factory => Folder(store, task.Name, factory, effective)))];
    }

    /// <summary>Whether a folder holds an encoder-decoder export (encoder_model.onnx).</summary>
    /// <param name="folder">The model folder.</param>
    /// <returns>True for seq2seq exports.</returns>
    public static bool IsSeq2Seq(string folder) => LocalModelKinds.IsSeq2Seq(folder);

    /// <summary>The options with the store's folder for graphs built from safetensors checkpoints, and its notices.</summary>
    private static OnnxPipelineOptions WithStore(ModelStore store, OnnxPipelineOptions? options)
    {
        var effective = options?.Clone() ?? new OnnxPipelineOptions();
        effective.BuiltModelDirectory ??= store.Options.BuiltModelDirectory;
        effective.BuildNotice ??= store.Options.WaitNotice;
        return effective;
    }

    private static PipelineRegistration Folder(ModelStore store, string task, LocalTaskFactory factory, OnnxPipelineOptions? options) =>
        new(task, factory.Backend, async (model, cancellationToken) =>
        {
            var resolved = await store.ResolveAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false);
            return Directory.Exists(resolved.Path) || File.Exists(resolved.Path)
                ? factory.Create(resolved.Path, options)
                : null;
        });
}
