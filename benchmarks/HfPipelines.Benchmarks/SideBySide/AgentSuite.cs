using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using HfPipelines.LlamaCpp;
using Microsoft.Extensions.AI;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>
/// What an agent waits for (issue 22): a 6-turn chat behind a system prompt of about 1,500 tokens and a 3-round tool loop, on stories260K and the random llama-2-tiny at 1 thread, with llama.cpp's
/// prompt cache on (now) and off (before). Reports the time to the first streamed token of each turn (the batch column
/// holds the turn) and, as notes, the prompt tokens decoded per turn and per tool round. Sides alternate by conversation;
/// every conversation starts from a fresh context over the one loaded model.
/// </summary>
internal static class AgentSuite
{
    public const string Suite = "agent";
    private const int Turns = 6;
    private const int AnswerTokens = 16;
    private const int SystemTokens = 1500;

    private static readonly string[] Questions =
    [
        "Summarize the notes above in one sentence.", "Which of them happened at night?", "Who was there?",
        "What did the committee decide?", "Was anything broken?", "Thank you, that is all.",
    ];

    public static string Side(string model, bool cache) => $"{model}, {(cache ? "prompt cache" : "no cache (before)")}, 1 thread: time to first token";

    public static IReadOnlyList<string> Models => ["stories260K", "llama-2-tiny-random"];

    public static async Task RunAsync(SideBySideSettings settings, Report report)
    {
        var template = File.ReadAllText(Path.Combine(settings.FixturesDirectory, "chat-templates", "Qwen-Qwen2.5-7B-Instruct.jinja"));
        foreach (var name in Models)
        {
            var path = Path.Combine(settings.FixturesDirectory, "gguf", name, name + ".gguf");
            using var cached = LlamaCppModel.Load(path, new LlamaCppModelOptions { Threads = 1, ContextSize = 4096, ChatTemplate = template });
            using var plain = LlamaCppModel.Load(path, new LlamaCppModelOptions { Threads = 1, ContextSize = 4096, ChatTemplate = template, CachePrompt = false });
            var sides = new[] { new ChatSide(cached, true), new ChatSide(plain, false) };
            var system = SystemPrompt(cached);

            // Conversation 0 warms the code paths and is not counted; the side that goes first alternates.
            for (var c = 0; c <= settings.Repetitions; c++)
            {
                foreach (var side in c % 2 == 0 ? sides : sides.Reverse())
                {
                    await ChatAsync(side, system, counted: c > 0);
                }
            }

            foreach (var side in sides)
            {
                Add(report, name, side);
                await ToolLoopAsync(side.Model, name, side.Cache, report);
            }
        }
    }

    /// <summary>A system prompt of notes, about <see cref="SystemTokens"/> tokens in this model's vocabulary.</summary>
    private static string SystemPrompt(LlamaCppModel model)
    {
        using var client = new LlamaCppChatClient(model);
        var sentences = BenchData.Sentences();
        var count = 1;
        while (count < sentences.Count && client.Tokenize(string.Join(' ', sentences.Take(count))).Length < SystemTokens)
        {
            count++;
        }

        return "You are a helpful assistant. Notes of the day: " + string.Join(' ', sentences.Take(count));
    }

    private static async Task ChatAsync(ChatSide side, string system, bool counted)
    {
        using var client = new LlamaCppChatClient(side.Model);
        List<ChatMessage> history = [new(ChatRole.System, system)];
        for (var turn = 0; turn < Turns; turn++)
        {
            history.Add(new ChatMessage(ChatRole.User, Questions[turn]));
            var (ms, response) = await TurnAsync(client, history);
            history.AddRange(response.Messages);
            if (counted)
            {
                side.FirstToken[turn].Add(ms);
                side.Decoded[turn] = (int)(response.Usage!.InputTokenCount!.Value - (response.Usage.CachedInputTokenCount ?? 0));
                side.Prompts[turn] = (int)response.Usage.InputTokenCount.Value;
            }
        }
    }

    private static void Add(Report report, string name, ChatSide side)
    {
        var (cache, firstToken, decoded, prompts) = (side.Cache, side.FirstToken, side.Decoded, side.Prompts);
        foreach (var turn in new[] { 0, Turns - 1 })
        {
            var passes = firstToken[turn];
            var median = passes.Order().ElementAt((passes.Count - 1) / 2);
            report.Add(new Measurement(Suite, Side(name, cache), turn + 1, median, "ms", median, passes.Max(), passes));
        }

        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"agent chat {name} {(cache ? "with" : "without")} prompt cache: prompt tokens decoded per turn {string.Join(", ", decoded)} of prompts {string.Join(", ", prompts)}; median time to first token per turn {string.Join(", ", firstToken.Select(t => t.Order().ElementAt((t.Count - 1) / 2).ToString("0", CultureInfo.InvariantCulture)))} ms."));
    }

    private static async Task<(double Ms, ChatResponse Response)> TurnAsync(IChatClient client, List<ChatMessage> history)
    {
        var updates = new List<ChatResponseUpdate>();
        var clock = Stopwatch.StartNew();
        var first = 0.0;
        await foreach (var update in client.GetStreamingResponseAsync(history, new ChatOptions { MaxOutputTokens = AnswerTokens }))
        {
            if (updates.Count == 0)
            {
                first = clock.Elapsed.TotalMilliseconds;
            }

            updates.Add(update);
        }

        return (first, updates.ToChatResponse());
    }

    private static async Task ToolLoopAsync(LlamaCppModel model, string name, bool cache, Report report)
    {
        using var client = new LlamaCppChatClient(model);
        var recorder = new RoundRecorder(client);
        using var agent = new ChatClientBuilder(recorder)
            .UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = 3)
            .ConfigureOptions(o => o.ToolMode = ChatToolMode.RequireAny)
            .Build();
        var tool = AIFunctionFactory.Create(([Description("The city")] string city, [Description("Days ahead")] int days) => $"Sunny in {city}", "get_weather", "Gets the weather forecast for a city.");
        var options = new ChatOptions { Tools = [tool], MaxOutputTokens = 120, Temperature = 1f, Seed = 3 };
        await agent.GetResponseAsync([new ChatMessage(ChatRole.User, "What is the weather in Paris for the next 2 days?")], options);
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"agent tool loop {name} {(cache ? "with" : "without")} prompt cache: per round prompt tokens decoded/prompt {string.Join(", ", recorder.Rounds.Select(r => $"{r.Decoded}/{r.Prompt}"))}, round time {string.Join(", ", recorder.Rounds.Select(r => r.Ms.ToString("0", CultureInfo.InvariantCulture)))} ms (the last round is the invoking client's final request without tools)."));
    }

    /// <summary>One side of the chat comparison and what its counted conversations measured.</summary>
    private sealed record ChatSide(LlamaCppModel Model, bool Cache)
    {
        public List<double>[] FirstToken { get; } = [.. Enumerable.Range(0, Turns).Select(_ => new List<double>())];

        public int[] Decoded { get; } = new int[Turns];

        public int[] Prompts { get; } = new int[Turns];
    }

    /// <summary>Records each model round's prompt tokens, decoded tokens and time.</summary>
    private sealed class RoundRecorder(IChatClient inner) : DelegatingChatClient(inner)
    {
        public List<(int Prompt, int Decoded, double Ms)> Rounds { get; } = [];

        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var clock = Stopwatch.StartNew();
            var response = await base.GetResponseAsync(messages, options, cancellationToken);
            var prompt = (int)(response.Usage?.InputTokenCount ?? 0);
            Rounds.Add((prompt, prompt - (int)(response.Usage?.CachedInputTokenCount ?? 0), clock.Elapsed.TotalMilliseconds));
            return response;
        }
    }
}
