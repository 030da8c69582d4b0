using System.Collections.Concurrent;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Tests;

/// <summary>A thread-safe pipeline answering with a callback; records every input and how many calls it got.</summary>
internal sealed class BenchFakePipeline<TInput, TOptions, TResult>(string task, Func<TInput, TResult> handler) : IPipeline<TInput, TOptions, TResult>
    where TOptions : class
{
    private int _calls;

    public string Task { get; } = task;

    public ConcurrentQueue<TInput> Inputs { get; } = new();

    public int Calls => Volatile.Read(ref _calls);

    public Task<TResult> RunAsync(TInput input, TOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        Inputs.Enqueue(input);
        return System.Threading.Tasks.Task.FromResult(handler(input));
    }

    public Task<IReadOnlyList<TResult>> RunBatchAsync(IReadOnlyList<TInput> inputs, TOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        foreach (var input in inputs)
        {
            Inputs.Enqueue(input);
        }

        return System.Threading.Tasks.Task.FromResult<IReadOnlyList<TResult>>([.. inputs.Select(handler)]);
    }

    public void Dispose()
    {
    }
}

/// <summary>A provider with fake feature-extraction, image-classification and question-answering pipelines; counts disposals.</summary>
internal sealed class BenchFakeProvider : IPipelineProvider
{
    public BenchFakePipeline<string, FeatureExtractionOptions, FeatureExtractionResult> Embeddings { get; } =
        new(PipelineTasks.FeatureExtraction, t => new FeatureExtractionResult([[t.Length, 1f]]));

    public BenchFakePipeline<ImageInput, ImageClassificationOptions, IReadOnlyList<ClassificationLabel>> Images { get; } =
        new(PipelineTasks.ImageClassification, i => [new ClassificationLabel(Path.GetFileName(i.Path)!, 1f)]);

    public BenchFakePipeline<QuestionAnsweringInput, QuestionAnsweringOptions, IReadOnlyList<QuestionAnsweringResult>> Answers { get; } =
        new(PipelineTasks.QuestionAnswering, q => []);

    public int Disposed { get; private set; }

    public ValueTask<IPipeline<TInput, TOptions, TResult>> GetAsync<TInput, TOptions, TResult>(string task, string? model = null, CancellationToken cancellationToken = default)
        where TOptions : class
    {
        object pipeline = PipelineTasks.Resolve(task).Name switch
        {
            PipelineTaskNames.FeatureExtraction => Embeddings,
            PipelineTaskNames.ImageClassification => Images,
            PipelineTaskNames.QuestionAnswering => Answers,
            _ => throw new ModelLoadException($"No fake pipeline for '{task}'."),
        };
        return ValueTask.FromResult((IPipeline<TInput, TOptions, TResult>)pipeline);
    }

    public void Dispose() => Disposed++;
}
