using HfPipelines.Pipelines;

namespace HfPipelines.Tests.Fallback;

/// <summary>A hand-written pipeline whose answer is a callback; counts its calls and disposal.</summary>
public sealed class FakePipeline : IPipeline<string, FakeOptions, string>, IBackendInfo
{
    public FakePipeline(string backend, Func<string, string> run)
    {
        Backend = backend;
        Run = run;
    }

    public Func<string, string> Run { get; set; }

    public string Task => "text-classification";

    public string Backend { get; }

    public int Calls { get; private set; }

    public bool Disposed { get; private set; }

    public Task<string> RunAsync(string input, FakeOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Calls++;
        return System.Threading.Tasks.Task.FromResult(Run(input));
    }

    public async Task<IReadOnlyList<string>> RunBatchAsync(IReadOnlyList<string> inputs, FakeOptions? options = null, CancellationToken cancellationToken = default)
    {
        var results = new List<string>();
        foreach (var input in inputs)
        {
            results.Add(await RunAsync(input, options, cancellationToken));
        }

        return results;
    }

    public void Dispose() => Disposed = true;
}

public sealed class FakeOptions;
