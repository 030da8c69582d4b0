using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Tests.Tasks.Summarization;

/// <summary>An embedding pipeline whose vectors come from a callback; counts calls and disposal.</summary>
internal sealed class FakeEmbeddingPipeline(Func<string, float[]> embed) : IPipeline<string, FeatureExtractionOptions, FeatureExtractionResult>
{
    public int Calls { get; private set; }

    public bool Disposed { get; private set; }

    public string Task => PipelineTasks.FeatureExtraction;

    public Task<FeatureExtractionResult> RunAsync(string input, FeatureExtractionOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        return System.Threading.Tasks.Task.FromResult(new FeatureExtractionResult([embed(input)]));
    }

    public async Task<IReadOnlyList<FeatureExtractionResult>> RunBatchAsync(IReadOnlyList<string> inputs, FeatureExtractionOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var results = new List<FeatureExtractionResult>();
        foreach (var input in inputs)
        {
            results.Add(await RunAsync(input, options, cancellationToken));
        }

        return results;
    }

    public void Dispose() => Disposed = true;
}
