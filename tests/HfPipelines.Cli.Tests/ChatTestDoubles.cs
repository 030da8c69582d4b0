using System.Runtime.CompilerServices;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using Microsoft.Extensions.AI;

namespace HfPipelines.Cli.Tests;

/// <summary>A pipeline answering with a callback; records its inputs.</summary>
internal sealed class CliFakePipeline<TInput, TOptions, TResult>(string task, Func<TInput, TOptions?, TResult> handler) : IPipeline<TInput, TOptions, TResult>
    where TOptions : class
{
    public string Task { get; } = task;

    public List<TInput> Inputs { get; } = [];

    public Task<TResult> RunAsync(TInput input, TOptions? options = null, CancellationToken cancellationToken = default)
    {
        Inputs.Add(input);
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

/// <summary>A provider with fake speech, summarization, translation and zero-shot pipelines; counts disposals.</summary>
internal sealed class CliFakeProvider : IPipelineProvider
{
    private readonly Dictionary<string, object> _pipelines = new()
    {
        [PipelineTasks.AutomaticSpeechRecognition] = new CliFakePipeline<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult>(
            PipelineTasks.AutomaticSpeechRecognition, (a, o) => new SpeechRecognitionResult
            {
                Text = $"transcript of {Path.GetFileName(a.Path)}",
                Chunks = o?.WordTimestamps == true ? [new("transcript", [0.0, 0.5]), new("of", [0.5, 0.7])]
                    : o?.ReturnTimestamps == true ? [new($"transcript of {Path.GetFileName(a.Path)}", [0.0, 1.0])] : null,
            }),
        [PipelineTasks.Summarization] = new CliFakePipeline<string, SummarizationOptions, SummarizationResult>(PipelineTasks.Summarization, (t, o) => new($"summary of: {t}")),
        [PipelineTasks.Translation] = new CliFakePipeline<string, TranslationOptions, TranslationResult>(PipelineTasks.Translation, (t, o) => new($"[{o!.TargetLanguage}] {t}")),
        [PipelineTasks.ZeroShotClassification] = new CliFakePipeline<string, ZeroShotClassificationOptions, ZeroShotClassificationResult>(
            PipelineTasks.ZeroShotClassification, (t, o) => new(t, o!.CandidateLabels.ToList(), o.CandidateLabels.Select(_ => 1f / o.CandidateLabels.Count).ToList())),
    };

    public int Disposed { get; private set; }

    public ValueTask<IPipeline<TInput, TOptions, TResult>> GetAsync<TInput, TOptions, TResult>(string task, string? model = null, CancellationToken cancellationToken = default)
        where TOptions : class =>
        _pipelines.TryGetValue(PipelineTasks.Resolve(task).Name, out var pipeline)
            ? ValueTask.FromResult((IPipeline<TInput, TOptions, TResult>)pipeline)
            : throw new ModelLoadException($"No fake pipeline for '{task}'.");

    public void Dispose() => Disposed++;
}

/// <summary>A chat client that plays a script of responses, each built from the messages so far.</summary>
internal sealed class CliScriptedChatClient(params Func<IReadOnlyList<ChatMessage>, ChatResponse>[] script) : IChatClient
{
    private int _next;

    public bool Disposed { get; private set; }

    public static ChatResponse Call(string callId, string name, Dictionary<string, object?> arguments) =>
        new(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, name, arguments)]));

    public static ChatResponse Answer(string text) => new(new ChatMessage(ChatRole.Assistant, text));

    public static string LastResult(IReadOnlyList<ChatMessage> messages) =>
        messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Last().Result?.ToString() ?? string.Empty;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(script[Math.Min(_next++, script.Length - 1)](messages.ToList()));

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() => Disposed = true;
}
