using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using Microsoft.Extensions.AI;

namespace HfPipelines.Cli.Tests.Serve;

/// <summary>A pipeline answering with an async callback; records its inputs and options.</summary>
internal sealed class ServeFakePipeline<TInput, TOptions, TResult>(string task, Func<TInput, TOptions?, CancellationToken, Task<TResult>> handler)
    : IPipeline<TInput, TOptions, TResult>
    where TOptions : class
{
    public ServeFakePipeline(string task, Func<TInput, TOptions?, TResult> handler)
        : this(task, (i, o, _) => System.Threading.Tasks.Task.FromResult(handler(i, o)))
    {
    }

    public string Task { get; } = task;

    public ConcurrentQueue<(TInput Input, TOptions? Options)> Calls { get; } = new();

    public Task<TResult> RunAsync(TInput input, TOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue((input, options));
        return handler(input, options, cancellationToken);
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

/// <summary>
/// Fake pipelines with known outputs for every task; model <c>test/slow</c> waits until cancelled (and says when it
/// started), model <c>test/picky</c> rejects its input with <see cref="InvalidPipelineInputException"/>.
/// </summary>
internal sealed class ServeFakeProvider : IPipelineProvider
{
    public const string Slow = "test/slow";
    public const string Picky = "test/picky";
    public const string Broken = "test/broken";
    public const string Gated = "test/gated";

    private readonly Dictionary<string, object> _pipelines;

    public ServeFakeProvider()
    {
        _pipelines = new Dictionary<string, object>
        {
            [PipelineTasks.TextClassification] = Fake<string, TextClassificationOptions, IReadOnlyList<ClassificationLabel>>(PipelineTasks.TextClassification, (t, o) =>
                Sentiment(t).Take(o?.TopK ?? 1).ToList()),
            [PipelineTasks.ZeroShotClassification] = Fake<string, ZeroShotClassificationOptions, ZeroShotClassificationResult>(PipelineTasks.ZeroShotClassification, (t, o) =>
                new(t, [.. o!.CandidateLabels.Reverse()], [.. o.CandidateLabels.Select((_, i) => 0.7f / (i + 1))])),
            [PipelineTasks.TokenClassification] = Fake<string, TokenClassificationOptions, IReadOnlyList<TokenEntity>>(PipelineTasks.TokenClassification, (t, o) =>
                o!.AggregationStrategy == AggregationStrategy.None
                    ? [new TokenEntity { Entity = "B-PER", Score = 0.9912f, Index = 1, Word = "Ada", Start = 0, End = 3 }]
                    : [new TokenEntity { EntityGroup = "PER", Score = 0.9912f, Word = "Ada Lovelace", Start = 0, End = 12 }, new TokenEntity { EntityGroup = "LOC", Score = 0.875f, Word = "London", Start = 22, End = 28 }]),
            [PipelineTasks.QuestionAnswering] = Fake<QuestionAnsweringInput, QuestionAnsweringOptions, IReadOnlyList<QuestionAnsweringResult>>(PipelineTasks.QuestionAnswering, (i, o) =>
                [new(0.625f, i.Context.IndexOf("London", StringComparison.Ordinal), i.Context.IndexOf("London", StringComparison.Ordinal) + 6, "London")]),
            [PipelineTasks.FillMask] = Fake<string, FillMaskOptions, IReadOnlyList<IReadOnlyList<FillMaskPrediction>>>(PipelineTasks.FillMask, (t, o) =>
                [[new(0.5f, 3000, "paris", t.Replace("[MASK]", "paris", StringComparison.Ordinal))]]),
            [PipelineTasks.FeatureExtraction] = Fake<string, FeatureExtractionOptions, FeatureExtractionResult>(PipelineTasks.FeatureExtraction, (t, o) =>
                new([Vector(t)])),
            [PipelineTasks.SentenceSimilarity] = Fake<SentenceSimilarityInput, FeatureExtractionOptions, IReadOnlyList<float>>(PipelineTasks.SentenceSimilarity, (i, o) =>
                [.. i.Sentences.Select(s => s == i.SourceSentence ? 1f : 0.25f)]),
            [PipelineTasks.Summarization] = Fake<string, SummarizationOptions, SummarizationResult>(PipelineTasks.Summarization, (t, o) => new($"summary of {t.Length} chars")),
            [PipelineTasks.Translation] = Fake<string, TranslationOptions, TranslationResult>(PipelineTasks.Translation, (t, o) => new($"[{o?.TargetLanguage}] {t}")),
            [PipelineTasks.TextGeneration] = Fake<string, TextGenerationOptions, TextGenerationResult>(PipelineTasks.TextGeneration, (t, o) => new(t + " and then")),
            [PipelineTasks.ImageClassification] = Fake<ImageInput, ImageClassificationOptions, IReadOnlyList<ClassificationLabel>>(PipelineTasks.ImageClassification, (i, o) =>
                i.Bytes.Span[0] == 0x89 ? [new("tabby cat", 0.8125f), new("tiger cat", 0.125f)] : [new("not a png", 1f)]),
            [PipelineTasks.AutomaticSpeechRecognition] = Fake<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult>(PipelineTasks.AutomaticSpeechRecognition, (a, o) =>
                new SpeechRecognitionResult { Text = $"hello world ({a.Bytes.Length} bytes)", Chunks = o!.ReturnTimestamps ? [new("hello", [0.0, 0.5]), new("world", [0.5, 1.0])] : null }),
        };
    }

    /// <summary>Completes when the slow model's pipeline starts running.</summary>
    public TaskCompletionSource SlowStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the gated model's pipeline starts running; it answers once <see cref="Gate"/> completes.</summary>
    public TaskCompletionSource GatedStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the gated model answer.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<(string Task, string? Model)> Requests { get; } = new();

    public static IReadOnlyList<ClassificationLabel> Sentiment(string text) =>
        text.Contains("love", StringComparison.OrdinalIgnoreCase) ? [new("POSITIVE", 0.9876543f), new("NEGATIVE", 0.0123457f)] : [new("NEGATIVE", 0.75f), new("POSITIVE", 0.25f)];

    public static float[] Vector(string text) => [text.Length, -0.25f, 0.5f, 1e-7f, 0.333333343f];

    public void Dispose()
    {
    }

    public ValueTask<IPipeline<TInput, TOptions, TResult>> GetAsync<TInput, TOptions, TResult>(string task, string? model = null, CancellationToken cancellationToken = default)
        where TOptions : class
    {
        var name = PipelineTasks.Resolve(task).Name;
        Requests.Enqueue((name, model));
        if (model == Slow)
        {
            return ValueTask.FromResult<IPipeline<TInput, TOptions, TResult>>(new ServeFakePipeline<TInput, TOptions, TResult>(name, async (i, o, ct) =>
            {
                SlowStarted.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
                throw new InvalidOperationException("unreachable");
            }));
        }

        if (model == Gated)
        {
            return ValueTask.FromResult<IPipeline<TInput, TOptions, TResult>>(new ServeFakePipeline<TInput, TOptions, TResult>(name, async (i, o, ct) =>
            {
                GatedStarted.TrySetResult();
                await Gate.Task.WaitAsync(ct);
                return (TResult)(object)Sentiment("love");
            }));
        }

        if (model == Broken)
        {
            return ValueTask.FromResult<IPipeline<TInput, TOptions, TResult>>(new ServeFakePipeline<TInput, TOptions, TResult>(name, (i, o) =>
                throw new NotSupportedException("a bug in a pipeline")));
        }

        if (model == Picky)
        {
            return ValueTask.FromResult<IPipeline<TInput, TOptions, TResult>>(new ServeFakePipeline<TInput, TOptions, TResult>(name, (i, o) =>
                throw new InvalidPipelineInputException("The text is longer than the model's 512 tokens; shorten it.")));
        }

        return ValueTask.FromResult((IPipeline<TInput, TOptions, TResult>)_pipelines[name]);
    }

    public ServeFakePipeline<TInput, TOptions, TResult> Pipeline<TInput, TOptions, TResult>(string task)
        where TOptions : class => (ServeFakePipeline<TInput, TOptions, TResult>)_pipelines[task];

    private static ServeFakePipeline<TInput, TOptions, TResult> Fake<TInput, TOptions, TResult>(string task, Func<TInput, TOptions?, TResult> handler)
        where TOptions : class => new(task, handler);
}

/// <summary>
/// A chat client: with tools offered it calls <c>get_weather</c> (city Paris); after a tool result it answers with
/// it; otherwise it echoes the last user text. "hang" streams one word and then waits until cancelled.
/// </summary>
internal sealed class ServeFakeChatClient : IChatClient
{
    public ConcurrentQueue<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = new();

    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Disposed { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Calls.Enqueue((list, options));
        return Task.FromResult(Answer(list, options));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Calls.Enqueue((list, options));
        if (list[^1].Text == "hang")
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, "partial");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                Cancelled.TrySetResult();
            }
        }

        var answer = Answer(list, options);
        foreach (var content in answer.Messages[0].Contents)
        {
            if (content is TextContent text)
            {
                foreach (var word in text.Text.Split(' '))
                {
                    yield return new ChatResponseUpdate(ChatRole.Assistant, word == text.Text.Split(' ')[0] ? word : " " + word);
                }
            }
            else
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, [content]);
            }
        }

        yield return new ChatResponseUpdate { Role = ChatRole.Assistant, FinishReason = answer.FinishReason, Contents = [new UsageContent(answer.Usage!)] };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() => Disposed = true;

    private static ChatResponse Answer(List<ChatMessage> messages, ChatOptions? options)
    {
        var last = messages[^1];
        var usage = new UsageDetails { InputTokenCount = 12, OutputTokenCount = 5, TotalTokenCount = 17 };
        if (last.Contents.OfType<FunctionResultContent>().FirstOrDefault() is { } result)
        {
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, $"It is {result.Result} in Paris.")) { FinishReason = ChatFinishReason.Stop, Usage = usage, ResponseId = "chatcmpl-fake" };
        }

        if (options?.Tools is { Count: > 0 } tools && tools[0].Name == "get_weather")
        {
            var call = new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" });
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, [call])) { FinishReason = ChatFinishReason.ToolCalls, Usage = usage, ResponseId = "chatcmpl-fake" };
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, $"Echo: {last.Text}")) { FinishReason = ChatFinishReason.Stop, Usage = usage, ResponseId = "chatcmpl-fake" };
    }
}
