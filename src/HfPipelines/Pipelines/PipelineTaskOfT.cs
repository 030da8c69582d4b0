using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Benchmarking;
using HfPipelines.Tasks;

namespace HfPipelines.Pipelines;

/// <summary>
/// The typed descriptor of a task: the types of its pipeline (<see cref="IPipeline{TInput, TOptions, TResult}"/>), the
/// Inference API wire format both ways (the server side reads requests and writes answers for <c>hfp serve</c>, the
/// client side writes requests and reads answers for the remote backend: one place, so the two cannot disagree), and
/// the text form of an input for command lines. <c>provider.GetAsync(PipelineTasks.ZeroShotClassification, model)</c>
/// is typed by it. Immutable and thread-safe.
/// </summary>
/// <typeparam name="TInput">The task input.</typeparam>
/// <typeparam name="TOptions">The task options.</typeparam>
/// <typeparam name="TResult">The task result.</typeparam>
public abstract class PipelineTask<TInput, TOptions, TResult> : PipelineTask
    where TOptions : class, new()
{
    /// <summary>Creates the descriptor.</summary>
    /// <param name="name">The Hugging Face task name.</param>
    /// <param name="input">The kind of input.</param>
    /// <param name="description">One line for help texts.</param>
    /// <param name="aliases">Other names the task answers to.</param>
    protected PipelineTask(string name, TaskInputKind input, string description, params string[] aliases)
        : base(name, input, description, aliases)
    {
    }

    /// <inheritdoc />
    public override Type InputType => typeof(TInput);

    /// <inheritdoc />
    public override Type OptionsType => typeof(TOptions);

    /// <inheritdoc />
    public override Type ResultType => typeof(TResult);

    /// <summary>True when a single result is answered as a list of one (TGI's <c>[{generated_text}]</c>).</summary>
    protected virtual bool WrapSingleResult => false;

    /// <summary>Server side: reads the input(s) of a request; an array of inputs is a batch.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The inputs, and whether they came as a batch.</returns>
    public abstract (IReadOnlyList<TInput> Items, bool Batch) ReadInputs(TaskRequest request);

    /// <summary>Server side: reads the options from <c>parameters</c> (Python names).</summary>
    /// <param name="request">The request.</param>
    /// <returns>The options.</returns>
    public abstract TOptions ReadOptions(TaskRequest request);

    /// <summary>Server side: shapes one result as the Inference API answers it.</summary>
    /// <param name="result">The result.</param>
    /// <param name="options">The options it ran with.</param>
    /// <returns>What is serialised.</returns>
    public virtual object? WriteResult(TResult result, TOptions options) => result;

    /// <summary>Client side: the JSON body of a request (the default sends <see cref="WriteRequest"/> to the task route
    /// and reads the answer with <see cref="ReadResponse"/>; override <see cref="RunRemoteAsync"/> for other routes).</summary>
    /// <param name="input">The input.</param>
    /// <param name="options">The options.</param>
    /// <returns>The body.</returns>
    public abstract JsonObject WriteRequest(TInput input, TOptions options);

    /// <summary>Client side: normalises the server's answer to the result type.</summary>
    /// <param name="answer">The JSON answer.</param>
    /// <param name="input">The input it answers.</param>
    /// <param name="options">The options.</param>
    /// <returns>The result.</returns>
    public abstract TResult ReadResponse(JsonElement answer, TInput input, TOptions options);

    /// <summary>Client side: runs one input on a remote server.</summary>
    /// <param name="client">The server, model and resilience.</param>
    /// <param name="input">The input.</param>
    /// <param name="options">The options.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    public virtual async Task<TResult> RunRemoteAsync(IRemoteTaskClient client, TInput input, TOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var answer = await client.PostJsonAsync(WriteRequest(input, options), cancellationToken).ConfigureAwait(false);
        return ReadResponse(answer, input, options);
    }

    /// <summary>The input of named arguments (tool calls, workflow steps): the default reads the request's single input.</summary>
    /// <param name="request">The request built from the arguments.</param>
    /// <returns>The input.</returns>
    public virtual TInput ReadArgumentInput(TaskRequest request)
    {
        var (items, batch) = ReadInputs(request);
        return !batch && items.Count == 1 ? items[0] : throw new InvalidPipelineInputException($"{Name} takes one input here, got {items.Count}.");
    }

    /// <summary>The input of one line of text (command lines, <c>hfp bench</c>); the default is the text itself.</summary>
    /// <param name="text">The line.</param>
    /// <returns>The input.</returns>
    public virtual TInput ParseInput(string text) => ReadArgumentInput(TaskRequest.From(JsonValue.Create(text)));

    /// <inheritdoc />
    public override TReturn Accept<TReturn>(IPipelineTaskVisitor<TReturn> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }

    /// <inheritdoc />
    public override async Task<object?> RunRequestAsync(IPipelineProvider provider, string? model, TaskRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(request);
        var options = ReadOptions(request);
        var (items, batch) = ReadInputs(request);
        var pipeline = await provider.GetAsync<TInput, TOptions, TResult>(Name, model, cancellationToken).ConfigureAwait(false);
        if (batch)
        {
            var results = await pipeline.RunBatchAsync(items, options, cancellationToken).ConfigureAwait(false);
            return results.Select(r => WriteResult(r, options)).ToList();
        }

        var result = WriteResult(await pipeline.RunAsync(items[0], options, cancellationToken).ConfigureAwait(false), options);
        return WrapSingleResult ? new[] { result } : result;
    }

    /// <inheritdoc />
    public override async Task<object?> RunArgumentsAsync(IPipelineProvider provider, string? model, IReadOnlyDictionary<string, JsonNode?> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var request = ToRequest(arguments);
        var input = ReadArgumentInput(request);
        var options = ReadOptions(request);
        var pipeline = await provider.GetAsync<TInput, TOptions, TResult>(Name, model, cancellationToken).ConfigureAwait(false);
        return await pipeline.RunAsync(input, options, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task<BenchmarkResult> BenchmarkAsync(IPipelineProvider provider, string? model, IReadOnlyList<string> lines, BenchmarkOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(lines);
        var inputs = lines.Select(ParseInput).ToArray();
        var pipeline = await provider.GetAsync<TInput, TOptions, TResult>(Name, model, cancellationToken).ConfigureAwait(false);
        return await BenchmarkRunner.RunAsync(Name, inputs, (batch, ct) => batch.Count == 1
            ? pipeline.RunAsync(batch[0], null, ct)
            : pipeline.RunBatchAsync(batch, null, ct), options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Text inputs of a request: a string, or an array of strings (a batch).</summary>
    /// <param name="request">The request.</param>
    /// <returns>The texts and whether they came as a batch.</returns>
    protected static (IReadOnlyList<string> Items, bool Batch) ReadTexts(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var inputs = request.Inputs;
        if (inputs.ValueKind == JsonValueKind.Array && inputs.GetArrayLength() > 0)
        {
            return ([.. inputs.EnumerateArray().Select((e, i) => RequestFields.Text(e, $"inputs[{i}]"))], true);
        }

        return ([RequestFields.Text(inputs, "inputs")], false);
    }

    /// <summary>A non-empty text input, or the typed error naming the task.</summary>
    /// <param name="input">The text.</param>
    /// <returns>The text.</returns>
    protected string RequireText(string? input) =>
        string.IsNullOrWhiteSpace(input) ? throw new InvalidPipelineInputException($"{Name} needs a non-empty text input.") : input;
}
