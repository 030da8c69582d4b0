using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.SemanticKernel.Tests.Fakes;

/// <summary>Gives the fake pipeline registered for a task and records each request (task, model).</summary>
internal sealed class FakePipelineProvider : IPipelineProvider
{
    private readonly Dictionary<string, object> _pipelines = new(StringComparer.Ordinal);

    public List<(string Task, string? Model)> Requests { get; } = [];

    public FakePipeline<TInput, TOptions, TResult> Add<TInput, TOptions, TResult>(string task, Func<TInput, TOptions?, TResult> handler)
        where TOptions : class
    {
        var pipeline = new FakePipeline<TInput, TOptions, TResult>(task, handler);
        _pipelines[task] = pipeline;
        return pipeline;
    }

    public ValueTask<IPipeline<TInput, TOptions, TResult>> GetAsync<TInput, TOptions, TResult>(string task, string? model = null, CancellationToken cancellationToken = default)
        where TOptions : class
    {
        lock (Requests)
        {
            Requests.Add((task, model));
        }

        var name = PipelineTasks.Resolve(task).Name;
        return _pipelines.TryGetValue(name, out var pipeline)
            ? ValueTask.FromResult((IPipeline<TInput, TOptions, TResult>)pipeline)
            : throw new ModelLoadException($"No fake pipeline for task '{task}'.");
    }

    public void Dispose()
    {
    }

    /// <summary>A provider with every plugin task answering fixed, recognisable values.</summary>
    public static FakePipelineProvider WithAllTasks()
    {
        var provider = new FakePipelineProvider();
        provider.Add<string, TextClassificationOptions, IReadOnlyList<ClassificationLabel>>(PipelineTasks.TextClassification, (t, o) => [new("POSITIVE", 0.99f)]);
        provider.Add<string, ZeroShotClassificationOptions, ZeroShotClassificationResult>(PipelineTasks.ZeroShotClassification,
            (t, o) => new(t, o!.CandidateLabels.ToList(), o.CandidateLabels.Select((_, i) => i == 0 ? 0.9f : 0.1f / (o.CandidateLabels.Count - 1)).ToList()));
        provider.Add<string, TokenClassificationOptions, IReadOnlyList<TokenEntity>>(PipelineTasks.TokenClassification,
            (t, o) => [new TokenEntity { EntityGroup = "PER", Score = 0.98f, Word = "Sarah", Start = 0, End = 5 }]);
        provider.Add<string, SummarizationOptions, SummarizationResult>(PipelineTasks.Summarization, (t, o) => new($"summary of: {t}"));
        provider.Add<string, TranslationOptions, TranslationResult>(PipelineTasks.Translation, (t, o) => new($"[{o!.TargetLanguage}] {t}"));
        provider.Add<string, FillMaskOptions, IReadOnlyList<IReadOnlyList<FillMaskPrediction>>>(PipelineTasks.FillMask,
            (t, o) => [[new(0.8f, 3007, "capital", "paris is the capital of france.")]]);
        provider.Add<QuestionAnsweringInput, QuestionAnsweringOptions, IReadOnlyList<QuestionAnsweringResult>>(PipelineTasks.QuestionAnswering,
            (i, o) => [new(0.7f, 0, 5, i.Context[..5])]);
        provider.Add<string, TextGenerationOptions, TextGenerationResult>(PipelineTasks.TextGeneration, (t, o) => new(" and then it rained."));
        provider.Add<ImageInput, ImageClassificationOptions, IReadOnlyList<ClassificationLabel>>(PipelineTasks.ImageClassification,
            (i, o) => [new($"tabby cat ({Path.GetFileName(i.Path)})", 0.6f)]);
        provider.Add<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult>(PipelineTasks.AutomaticSpeechRecognition,
            (a, o) => new SpeechRecognitionResult { Text = $"transcript of {Path.GetFileName(a.Path)}" });
        return provider;
    }

    public FakePipeline<TInput, TOptions, TResult> Get<TInput, TOptions, TResult>(string task)
        where TOptions : class => (FakePipeline<TInput, TOptions, TResult>)_pipelines[task];
}
