using System.Text.Json;
using HfPipelines.Pipelines;

namespace HfPipelines.Cli.Serve.Tasks;

/// <summary>
/// One task behind the hf-inference routes: reads <c>inputs</c> and <c>parameters</c> into the task's input and
/// options (a wrong field is a 400 before any model loads), runs the pipeline and shapes the result like the
/// Inference API. An array of inputs runs as one batch and answers one result per input.
/// </summary>
/// <typeparam name="TInput">The task input.</typeparam>
/// <typeparam name="TOptions">The task options.</typeparam>
/// <typeparam name="TResult">The task result.</typeparam>
internal abstract class ServeTask<TInput, TOptions, TResult>(string task) : IServeTask
    where TOptions : class
{
    /// <inheritdoc />
    public string Task { get; } = task;

    /// <inheritdoc />
    public async Task<object?> RunAsync(IPipelineProvider provider, string model, ServeInput input, CancellationToken cancellationToken)
    {
        var options = Options(input);
        var (items, batch) = Inputs(input);
        var pipeline = await provider.GetAsync<TInput, TOptions, TResult>(Task, model, cancellationToken).ConfigureAwait(false);
        if (batch)
        {
            var results = await pipeline.RunBatchAsync(items, options, cancellationToken).ConfigureAwait(false);
            return results.Select(r => Shape(r, options)).ToList();
        }

        var result = Shape(await pipeline.RunAsync(items[0], options, cancellationToken).ConfigureAwait(false), options);
        return WrapSingle ? new[] { result } : result;
    }

    /// <summary>True when a single result goes in a list of one (<c>[{generated_text}]</c>).</summary>
    protected virtual bool WrapSingle => false;

    /// <summary>Reads the options from <c>parameters</c>.</summary>
    /// <param name="input">The request.</param>
    /// <returns>The options.</returns>
    protected abstract TOptions Options(ServeInput input);

    /// <summary>Reads the input(s).</summary>
    /// <param name="input">The request.</param>
    /// <returns>The inputs and whether they came as a batch.</returns>
    protected abstract (IReadOnlyList<TInput> Items, bool Batch) Inputs(ServeInput input);

    /// <summary>Shapes one result as the Inference API answers it.</summary>
    /// <param name="result">The result.</param>
    /// <param name="options">The options it ran with.</param>
    /// <returns>What is serialized.</returns>
    protected virtual object? Shape(TResult result, TOptions options) => result;

    /// <summary>Text inputs: a string, or an array of strings (a batch).</summary>
    /// <param name="input">The request.</param>
    /// <returns>The texts.</returns>
    protected static (IReadOnlyList<string> Items, bool Batch) Texts(ServeInput input)
    {
        var inputs = input.Inputs;
        if (inputs.ValueKind == JsonValueKind.Array && inputs.GetArrayLength() > 0)
        {
            return ([.. inputs.EnumerateArray().Select((e, i) => RequestFields.Text(e, $"inputs[{i}]"))], true);
        }

        return ([RequestFields.Text(inputs, "inputs")], false);
    }
}
