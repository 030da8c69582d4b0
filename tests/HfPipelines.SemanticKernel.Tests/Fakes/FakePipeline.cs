using HfPipelines.Pipelines;

namespace HfPipelines.SemanticKernel.Tests.Fakes;

/// <summary>A pipeline that answers with a callback and records every call.</summary>
internal sealed class FakePipeline<TInput, TOptions, TResult>(string task, Func<TInput, TOptions?, TResult> handler) : IPipeline<TInput, TOptions, TResult>
    where TOptions : class
{
    public string Task { get; } = task;

    public List<(TInput Input, TOptions? Options)> Calls { get; } = [];

    public Task<TResult> RunAsync(TInput input, TOptions? options = null, CancellationToken cancellationToken = default)
    {
        lock (Calls)
        {
            Calls.Add((input, options));
        }

        return System.Threading.Tasks.Task.FromResult(handler(input, options));
    }

    public async Task<IReadOnlyList<TResult>> RunBatchAsync(IReadOnlyList<TInput> inputs, TOptions? options = null, CancellationToken cancellationToken = default)
    {
        var results = new List<TResult>();
        foreach (var input in inputs)
        {
            results.Add(await RunAsync(input, options, cancellationToken));
        }

        return results;
    }

    public void Dispose()
    {
    }
}
