using HfPipelines.Tasks;

namespace HfPipelines.SemanticKernel;

/// <summary>
/// What <see cref="HfPipelinesServiceCollectionExtensions.AddHfPipelines"/> registers: which tasks the plugins
/// offer, the model of each task, and the backend and fallback policy of the default provider (used when the
/// application registers no <see cref="Pipelines.IPipelineProvider"/> of its own). Not thread-safe while being configured.
/// </summary>
public sealed class HfPipelinesOptions
{
    /// <summary>
    /// The tasks (names or aliases, e.g. <c>zero-shot-classification</c>, <c>asr</c>) whose functions are offered.
    /// Empty (the default) offers every task that has a plugin function.
    /// </summary>
    public ISet<string> Tasks { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The tasks that exist (by default the built-in ones). An application adds its own task with
    /// <see cref="Pipelines.PipelineTaskCatalog.With"/>: its descriptor's <see cref="Pipelines.PipelineTask.Tool"/> makes it
    /// a kernel function and tool, and workflows can run it. Give the default provider's options the same catalog (or
    /// register an <see cref="Pipelines.IPipelineProvider"/> that knows the task).
    /// </summary>
    public Pipelines.PipelineTaskCatalog TaskCatalog { get; set; } = Pipelines.PipelineTaskCatalog.Default;

    /// <summary>The model reference per task (name or alias); a task not listed uses the provider's default.</summary>
    public IDictionary<string, string> Models { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A local chat model for the agent and for prompt steps (a GGUF file, <c>org/name:file.gguf</c>, or a GenAI folder),
    /// opened on first use through the registered backends; registered as the <see cref="Microsoft.Extensions.AI.IChatClient"/>
    /// service unless the application registers one. Default null: no chat client is registered.
    /// </summary>
    public string? ChatModel { get; set; }

    /// <summary>Where the default provider runs tasks: <c>local</c>, <c>remote</c> (Hugging Face router, or
    /// HF_INFERENCE_ENDPOINT) or <c>auto</c> (local, then remote when HF_TOKEN is set); null (default) is auto.</summary>
    public string? Backend { get; set; }

    /// <summary>The default provider's fallback policy: <c>local-only</c>, <c>local-then-remote</c>,
    /// <c>remote-then-local</c> or <c>remote-only</c>; null (default) follows <see cref="Backend"/>.</summary>
    public string? FallbackPolicy { get; set; }

    /// <summary>Checks every task name; throws <see cref="UnknownTaskException"/> listing the valid ones.</summary>
    public void Validate()
    {
        if (Backend is not null)
        {
            Remote.BackendSelection.ParseBackend(Backend);
        }

        if (FallbackPolicy is not null)
        {
            ParsePolicy(FallbackPolicy);
        }

        foreach (var task in Tasks.Concat(Models.Keys))
        {
            TaskCatalog.Resolve(task);
        }

        if (ChatModel is not null && string.IsNullOrWhiteSpace(ChatModel))
        {
            throw new HfPipelinesException("ChatModel is empty. Give a chat model reference (a .gguf file, org/name:file.gguf, or a GenAI folder), or leave it null.");
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
        Tasks.Count == 0 || Tasks.Any(t => TaskCatalog.TryResolve(t, out var info) && info.Name == task);

    /// <summary>The configured model of a task, or null for the provider's default.</summary>
    /// <param name="task">A canonical task name (see <see cref="PipelineTasks"/>).</param>
    /// <returns>The model reference or null.</returns>
    public string? ModelFor(string task)
    {
        foreach (var (name, model) in Models)
        {
            if (TaskCatalog.TryResolve(name, out var info) && info.Name == task)
            {
                return model;
            }
        }

        return null;
    }

    /// <summary>Reads a fallback policy name (<c>local-then-remote</c>, <c>LocalThenRemote</c> ...).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The policy.</returns>
    internal static Fallback.FallbackPolicy ParsePolicy(string name) =>
        Enum.TryParse<Fallback.FallbackPolicy>(name.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var policy)
            ? policy
            : throw new HfPipelinesException($"FallbackPolicy must be local-only, local-then-remote, remote-then-local or remote-only, got '{name}'.");
}
