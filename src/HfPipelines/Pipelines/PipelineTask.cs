using System.Text.Json.Nodes;
using HfPipelines.Benchmarking;
using HfPipelines.Tasks;

namespace HfPipelines.Pipelines;

/// <summary>
/// The descriptor of one pipeline task, in the task's own folder (<c>Tasks/&lt;Task&gt;/</c>): its Hugging Face name and
/// aliases, default model, arguments, the Inference API wire format both ways, and the local factories. Every surface
/// (provider, remote client, <c>hfp serve</c>, MCP, Semantic Kernel, workflows, bench, the CLI) is a loop over
/// descriptors, so adding a task is adding a folder. This untyped view is what the surfaces loop over; derive from
/// <see cref="PipelineTask{TInput, TOptions, TResult}"/>. Immutable and thread-safe.
/// </summary>
public abstract class PipelineTask
{
    /// <summary>Creates the descriptor.</summary>
    /// <param name="name">The Hugging Face task name, e.g. <c>token-classification</c>.</param>
    /// <param name="input">The kind of input.</param>
    /// <param name="description">One line for help texts.</param>
    /// <param name="aliases">Other names the task answers to, e.g. <c>ner</c>.</param>
    protected PipelineTask(string name, TaskInputKind input, string description, params string[] aliases)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        Name = name;
        Input = input;
        Description = description;
        Aliases = aliases ?? [];
    }

    /// <summary>The Hugging Face task name.</summary>
    public string Name { get; }

    /// <summary>Other names the task answers to.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The kind of input.</summary>
    public TaskInputKind Input { get; }

    /// <summary>One line for help texts.</summary>
    public string Description { get; }

    /// <summary>The model used when the caller names none, or null when the task has no default.</summary>
    public virtual string? DefaultModel => null;

    /// <summary>The inputs and parameters tools, workflow steps and command lines give (Python names).</summary>
    public abstract IReadOnlyList<TaskArgument> Arguments { get; }

    /// <summary>Where the task appears as a Semantic Kernel function and agent tool, or null for nowhere.</summary>
    public virtual TaskTool? Tool => null;

    /// <summary>Whether <c>hfp bench</c> can run the task from one line of input per item.</summary>
    public virtual bool SupportsBenchmark => true;

    /// <summary>How the core builds the task's pipeline from local models, tried in order.</summary>
    public virtual IReadOnlyList<LocalTaskFactory> LocalFactories => [];

    /// <summary>The .NET type of one input.</summary>
    public abstract Type InputType { get; }

    /// <summary>The .NET type of the options.</summary>
    public abstract Type OptionsType { get; }

    /// <summary>The .NET type of one result.</summary>
    public abstract Type ResultType { get; }

    /// <summary>Calls the visitor with the typed descriptor.</summary>
    /// <typeparam name="TReturn">What the visit returns.</typeparam>
    /// <param name="visitor">The visitor.</param>
    /// <returns>The visit's value.</returns>
    public abstract TReturn Accept<TReturn>(IPipelineTaskVisitor<TReturn> visitor);

    /// <summary>Runs an Inference API request (<c>{inputs, parameters}</c> or raw bytes) and returns the answer in the Inference API's shape.</summary>
    /// <param name="provider">Gives the pipeline.</param>
    /// <param name="model">The model reference; null for the provider's default.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer, to serialise as JSON.</returns>
    /// <exception cref="InvalidPipelineInputException">A field of the request is missing or wrong.</exception>
    public abstract Task<object?> RunRequestAsync(IPipelineProvider provider, string? model, TaskRequest request, CancellationToken cancellationToken = default);

    /// <summary>Runs the task on named arguments (tool calls, workflow steps): inputs by their names, parameters by their
    /// Python names or aliases (camelCase and kebab-case spellings too); text values of number, boolean and list arguments are read.</summary>
    /// <param name="provider">Gives the pipeline.</param>
    /// <param name="model">The model reference; null for the provider's default.</param>
    /// <param name="arguments">The arguments.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The typed result (its JSON has Python's keys).</returns>
    /// <exception cref="InvalidPipelineInputException">An argument is unknown, missing or of the wrong type.</exception>
    public abstract Task<object?> RunArgumentsAsync(IPipelineProvider provider, string? model, IReadOnlyDictionary<string, JsonNode?> arguments, CancellationToken cancellationToken = default);

    /// <summary>Measures the task on inputs given one per line (see <see cref="PipelineTask{TInput, TOptions, TResult}.ParseInput"/>).</summary>
    /// <param name="provider">Gives the pipeline.</param>
    /// <param name="model">The model reference; null for the provider's default.</param>
    /// <param name="lines">The inputs, one per line.</param>
    /// <param name="options">Rounds, batch size ...</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The measurements.</returns>
    public abstract Task<BenchmarkResult> BenchmarkAsync(IPipelineProvider provider, string? model, IReadOnlyList<string> lines, BenchmarkOptions options, CancellationToken cancellationToken = default);

    /// <summary>Builds the request of named arguments: inputs go into <c>inputs</c> (the value alone when the task has one
    /// input, an object otherwise), parameters into <c>parameters</c> under their Python names, typed as declared.</summary>
    /// <param name="arguments">The arguments.</param>
    /// <returns>The request.</returns>
    /// <exception cref="InvalidPipelineInputException">An argument is unknown, missing or of the wrong type.</exception>
    public TaskRequest ToRequest(IReadOnlyDictionary<string, JsonNode?> arguments) => TaskArguments.ToRequest(this, arguments);

    /// <summary>Whether a name is this task's name or one of its aliases (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <returns>True when it names this task.</returns>
    public virtual bool Answers(string name) =>
        string.Equals(name, Name, StringComparison.OrdinalIgnoreCase) || Aliases.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The task name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;

    /// <summary>The task name, so a descriptor goes wherever a task name does.</summary>
    /// <param name="task">The descriptor.</param>
    public static implicit operator string(PipelineTask task) => task?.Name!;
}
