using HfPipelines.Generation;
using HfPipelines.Testing;
using LLama.Native;
using Microsoft.Extensions.AI;

namespace HfPipelines.LlamaCpp.Tests;

public sealed class LlamaCppPromptCacheTests
{
    private static readonly string[] Turns =
    [
        "Tell me a story about a cat.",
        "What was the cat called?",
        "Where did it live?",
        "Did it have friends?",
        "What happened at the end?",
        "Thank you, that was nice.",
    ];

    private static LlamaCppChatClient Load(string model, bool cachePrompt = true, int batchSize = 512) => LlamaCppChatClient.Load(
        TestFixtures.PathOf(model),
        new LlamaCppModelOptions
        {
            Threads = 1,
            ContextSize = 2048,
            BatchSize = batchSize,
            CachePrompt = cachePrompt,
            ChatTemplate = File.ReadAllText(TestFixtures.PathOf(TestTools.QwenTemplatePath)),
        });

    private static ChatOptions Greedy => new() { MaxOutputTokens = 12 };

    [FixtureTheory(TestTools.StoriesPath, TestTools.RandomLlamaPath, TestTools.QwenTemplatePath)]
    [InlineData(TestTools.StoriesPath)]
    [InlineData(TestTools.RandomLlamaPath)]
    public async Task GetResponse_SixTurnChat_EachTurnDecodesNewTokensPlusOneAtMost(string model)
    {
        using var client = Load(model);
        var recorder = new RecordingChatClient(client);
        var history = new List<ChatMessage>();
        foreach (var turn in Turns)
        {
            history.Add(new ChatMessage(ChatRole.User, turn));
            var response = await recorder.GetResponseAsync(history, Greedy);
            history.AddRange(response.Messages);
        }

        AssertEachRoundDecodesNewTokensPlusOne(client, recorder, expectedRounds: 6);
    }

    [FixtureTheory(TestTools.StoriesPath, TestTools.RandomLlamaPath, TestTools.QwenTemplatePath)]
    [InlineData(TestTools.StoriesPath)]
    [InlineData(TestTools.RandomLlamaPath)]
    public async Task FunctionInvocation_ThreeToolRounds_EachRoundDecodesNewTokensPlusOneAtMost(string model)
    {
        using var client = Load(model);
        var recorder = new RecordingChatClient(client);
        var calls = 0;
        var weather = TestTools.Weather((_, _, _) => calls++);
        // The invoking client sets RequireAny back to Auto after the first round; force a call in every round.
        using var agent = new ChatClientBuilder(recorder)
            .UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = 3)
            .ConfigureOptions(o => o.ToolMode = ChatToolMode.RequireAny)
            .Build();
        var options = new ChatOptions { Tools = [weather], ToolMode = ChatToolMode.RequireAny, MaxOutputTokens = 200, Temperature = 1f, Seed = 3 };
        await agent.GetResponseAsync([new ChatMessage(ChatRole.User, "What is the weather in Paris for the next 2 days?")], options);
        Assert.True(calls >= 3, $"the tool ran {calls} times");
        AssertEachRoundDecodesNewTokensPlusOne(client, recorder, expectedRounds: 3);
    }

    [FixtureTheory(TestTools.StoriesPath, TestTools.RandomLlamaPath, TestTools.QwenTemplatePath)]
    [InlineData(TestTools.StoriesPath)]
    [InlineData(TestTools.RandomLlamaPath)]
    public async Task Prefill_SixTurnChat_LogitsMatchAFullPrefill(string model)
    {
        // The cached path decodes the earlier answers one token at a time and the rest in a batch; llama.cpp's
        // kernels for the two shapes round differently (its server documents the same for cache_prompt), so the
        // logits are compared to a tolerance, and the best token only where the full prefill's margin exceeds it.
        const float tolerance = 0.1f;
        using var client = Load(model, cachePrompt: false);
        var prompts = new List<string>();
        var history = new List<ChatMessage>();
        foreach (var turn in Turns)
        {
            history.Add(new ChatMessage(ChatRole.User, turn));
            prompts.Add(client.RenderPrompt(history));
            history.AddRange((await client.GetResponseAsync(history, Greedy)).Messages);
        }

        using var cachedContext = client.Model.Weights.CreateContext(LlamaCppModel.CreateParams(client.Model.Path, client.Model.Options));
        var cached = new LlamaGenerationLoop(cachedContext, 512, reusePrefix: true);
        var reused = 0;
        foreach (var prompt in prompts)
        {
            var stats = new GenerationStats();
            var max = cached.Prefill(prompt, 12, stats, CancellationToken.None);
            reused += stats.PromptTokensReused;
            using var freshContext = client.Model.Weights.CreateContext(LlamaCppModel.CreateParams(client.Model.Path, client.Model.Options));
            new LlamaGenerationLoop(freshContext, 512, reusePrefix: false).Prefill(prompt, 12, new GenerationStats(), CancellationToken.None);
            var expected = freshContext.NativeHandle.GetLogitsIth(-1).ToArray();
            var actual = cachedContext.NativeHandle.GetLogitsIth(-1).ToArray();
            Assert.True(expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second)) < tolerance);
            var ranked = expected.Select((v, i) => (v, i)).OrderByDescending(p => p.v).Take(2).ToArray();
            if (ranked[0].v - ranked[1].v > tolerance)
            {
                Assert.Equal(ranked[0].i, ArgMax(actual));
            }

            for (var i = 0; i < max - 1; i++)
            {
                cached.DecodeNext((LLamaToken)ArgMax(cachedContext.NativeHandle.GetLogitsIth(-1)));
            }
        }

        Assert.True(reused > 0);
    }

    [FixtureTheory(TestTools.StoriesPath, TestTools.RandomLlamaPath, TestTools.QwenTemplatePath)]
    [InlineData(TestTools.StoriesPath)]
    [InlineData(TestTools.RandomLlamaPath)]
    public async Task GetStreamingResponse_CancelledMidAnswer_NextCallMatchesFreshClient(string model)
    {
        using var client = Load(model);

        var (next, expected) = await PromptCacheScenario.CancelMidAnswerThenContinueAsync(client, () => Load(model), Turns, Greedy);

        Assert.Equal(expected.Text, next.Text);
        Assert.True(next.Usage?.CachedInputTokenCount > 0, "the next call kept nothing of the cancelled one");
        Assert.Equal(expected.Usage?.InputTokenCount, next.Usage?.InputTokenCount);
    }

    [FixtureFact(TestTools.StoriesPath, TestTools.QwenTemplatePath)]
    public async Task GetResponse_PromptLongerThanBatch_DecodesInBatchesAndMatchesOneBatch()
    {
        using var small = Load(TestTools.StoriesPath, batchSize: 8);
        using var large = Load(TestTools.StoriesPath);
        var history = new List<ChatMessage>();
        foreach (var turn in Turns.Take(3))
        {
            history.Add(new ChatMessage(ChatRole.User, turn));
            var a = await small.GetResponseAsync(history, Greedy);
            var b = await large.GetResponseAsync(history, Greedy);
            Assert.Equal(b.Text, a.Text);
            Assert.Equal(b.Usage?.CachedInputTokenCount, a.Usage?.CachedInputTokenCount);
            history.AddRange(a.Messages);
        }
    }

    [FixtureTheory(TestTools.StoriesPath, TestTools.RandomLlamaPath, TestTools.QwenTemplatePath)]
    [InlineData(TestTools.StoriesPath)]
    [InlineData(TestTools.RandomLlamaPath)]
    public async Task GetResponse_ConcurrentConversations_EachMatchesFreshClient(string model)
    {
        List<ChatMessage>[] conversations = [.. Turns.Select(t => new List<ChatMessage> { new(ChatRole.User, t) })];
        var expected = new List<string>();
        foreach (var conversation in conversations)
        {
            using var fresh = Load(model);
            expected.Add((await fresh.GetResponseAsync(conversation, Greedy)).Text);
        }

        using var shared = Load(model);
        var answers = await Task.WhenAll(conversations.Select(c => Task.Run(() => shared.GetResponseAsync(c, Greedy))));
        Assert.Equal(expected, answers.Select(a => a.Text));
        Assert.True(shared.HeldTokens > 0);
    }

    private static void AssertEachRoundDecodesNewTokensPlusOne(LlamaCppChatClient client, RecordingChatClient recorder, int expectedRounds)
    {
        Assert.True(recorder.Rounds.Count >= expectedRounds, $"{recorder.Rounds.Count} rounds");
        int[] previous = [];
        var totalPrompt = 0;
        var totalDecoded = 0;
        var round = 0;
        var last = 0;

        // Every round decodes at most its new tokens plus one. Totals over the first rounds only: after its last
        // iteration the invoking client asks once more without tools, a system prompt the context never held.
        foreach (var (messages, options, usage) in recorder.Rounds)
        {
            var tokens = client.Tokenize(client.RenderPrompt(messages, options));
            var decoded = (int)(usage!.InputTokenCount!.Value - usage.CachedInputTokenCount!.Value);
            var fresh = tokens.Length - CommonPrefix(previous, tokens);
            Assert.Equal(tokens.Length, usage.InputTokenCount);
            Assert.True(decoded <= fresh + 1, $"round {round}: decoded {decoded} of {tokens.Length}, new {fresh}");
            Assert.True(decoded >= 1);
            if (round < expectedRounds)
            {
                totalPrompt += tokens.Length;
                totalDecoded += decoded;
                last = tokens.Length;
            }

            previous = tokens;
            round++;
        }

        Assert.Equal(recorder.Rounds[0].Usage!.InputTokenCount, recorder.Rounds[0].Usage!.InputTokenCount - recorder.Rounds[0].Usage!.CachedInputTokenCount);
        Assert.True(totalDecoded <= last + expectedRounds, $"decoded {totalDecoded} prompt tokens in {expectedRounds} rounds, the last prompt has {last}");
        Assert.True(totalDecoded < totalPrompt);
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static int CommonPrefix(int[] a, int[] b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }
}
