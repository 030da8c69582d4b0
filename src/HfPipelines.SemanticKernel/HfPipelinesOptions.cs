using HfPipelines.Tasks;

namespace HfPipelines.SemanticKernel;

/// <summary>
/// What <see cref="HfPipelinesServiceCollectionExtensions.AddHfPipelines"/> registers: which tasks the plugins
/// offer, the model of each task, and the backend and fallback policy names (kept as data for the
/// <see cref="Pipelines.IPipelineProvider"/> the application registers). Not thread-safe while being configured.
/// </summary>
public sealed class HfPipelinesOptions
{
    /// <summary>
    /// The tasks (names or aliases, e.g. <c>zero-shot-classification</c>, <c>asr</c>) whose functions are offered.
    /// Empty (the default) offers every task that has a plugin function.
    /// </summary>
    public ISet<string> Tasks { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The model reference per task (name or alias); a task not listed uses the provider's default.</summary>
    public IDictionary<string, string> Models { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The preferred backend name (e.g. <c>onnx</c>, <c>llamacpp</c>, <c>remote</c>); null (default) lets the provider choose.</summary>
    public string? Backend { get; set; }

    /// <summary>The fallback policy name (e.g. <c>local-then-remote</c>); null (default) uses the provider's.</summary>
    public string? FallbackPolicy { get; set; }

    /// <summary>Checks every task name; throws <see cref="UnknownTaskException"/> listing the valid ones.</summary>
    public void Validate()
    {
        foreach (var task in Tasks.Concat(Models.Keys))
        {
            PipelineTasks.Resolve(task);
        }

        foreach (var (task, model) in Models)
        {
            if (string.IsNullOrWhiteSpace(model))
            {
                throw new HfPipelinesException($"The model for task '{task}' is empty. Give a model reference such as 'Xenova/distilbert-base-uncased-finetuned-sst-2-english', or remove the entry to use the default.");
            }
        }
    }

    /// <summary>Whether a task's functions are offered.</summary>
    /// <param name="task">A canonical task name (see <see cref="PipelineTasks"/>).</param>
    /// <returns>True when <see cref="Tasks"/> is empty or names the task (or one of its aliases).</returns>
    public bool IsEnabled(string task) =>
        Tasks.Count == 0 || Tasks.Any(t => PipelineTasks.TryResolve(t, out var info) && info.Name == task);

    /// <summary>The configured model of a task, or null for the provider's default.</summary>
    /// <param name="task">A canonical task name (see <see cref="PipelineTasks"/>).</param>
    /// <returns>The model reference or null.</returns>
    public string? ModelFor(string task)
    {
        foreach (var (name, model) in Models)
        {
            if (PipelineTasks.TryResolve(name, out var info) && info.Name == task)
            {
                return model;
            }
        }

        return null;
    }
}
