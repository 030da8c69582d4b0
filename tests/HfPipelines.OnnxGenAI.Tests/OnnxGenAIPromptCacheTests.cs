using HfPipelines.Testing;
using Microsoft.Extensions.AI;

namespace HfPipelines.OnnxGenAI.Tests;

public sealed class OnnxGenAIPromptCacheTests
{
    private const string Llama = "ortgenai/tiny-random-LlamaForCausalLM-fp16";
    private const string Qwen = "chat-templates/Qwen-Qwen2.5-7B-Instruct.jinja";

    private static readonly string[] Turns =
    [
        "Tell me a story about a cat.",
        "What was the cat called?",
        "Where did it live?",
        "Did it have friends?",
        "What happened at the end?",
        "Thank you, that was nice.",
    ];

    private static ChatOptions Greedy => new() { MaxOutputTokens = 12 };

    private static OnnxGenAIChatClient Load(bool cachePrompt = true) => OnnxGenAIChatClient.Load(
        TestFixtures.PathOf(Llama),
        new OnnxGenAIModelOptions { Threads = 1, CachePrompt = cachePrompt, ChatTemplate = File.ReadAllText(TestFixtures.PathOf(Qwen)) });

    [FixtureFact(Llama, Qwen)]
    public async Task GetResponse_SixTurnChat_EachTurnDecodesNewTokensPlusOneAndAnswersAsWithoutCache()
    {
        var options = new OnnxGenAIModelOptions { Threads = 1, ChatTemplate = File.ReadAllText(TestFixtures.PathOf(Qwen)) };
        using var model = OnnxGenAIModel.Load(TestFixtures.PathOf(Llama), options);
        using (var warm = new OnnxGenAIChatClient(model))
        {
            // This export refuses several new tokens after a past: the model learns it at its first reuse (that call
            // decodes its whole prompt), and its clients then append one token at a time.
            List<ChatMessage> twoTurns = [new(ChatRole.User, Turns[0])];
            twoTurns.AddRange((await warm.GetResponseAsync(twoTurns, Greedy)).Messages);
            twoTurns.Add(new ChatMessage(ChatRole.User, Turns[1]));
            await warm.GetResponseAsync(twoTurns, Greedy);
        }

        using var cached = new OnnxGenAIChatClient(model);
        using var plain = Load(cachePrompt: false);
        var history = new List<ChatMessage>();
        int[] previous = [];
        var decodedInAll = 0;
        foreach (var turn in Turns)
        {
            history.Add(new ChatMessage(ChatRole.User, turn));
            var tokens = Tokens(cached, history);
            var response = await cached.GetResponseAsync(history, Greedy);
            var expected = await plain.GetResponseAsync(history, Greedy);
            var decoded = (int)(response.Usage!.InputTokenCount!.Value - response.Usage.CachedInputTokenCount!.Value);
            var fresh = tokens.Length - CommonPrefix(previous, tokens);
            Assert.Equal(tokens.Length, response.Usage.InputTokenCount);
            Assert.True(decoded <= fresh + 1, $"decoded {decoded} of {tokens.Length}, new {fresh}");
            Assert.Equal(expected.Text, response.Text);
            Assert.Equal(0, expected.Usage!.CachedInputTokenCount);
            decodedInAll += decoded;
            previous = tokens;
            history.AddRange(response.Messages);
        }

        Assert.True(decodedInAll <= previous.Length + Turns.Length, $"decoded {decodedInAll} prompt tokens in all, the last prompt has {previous.Length}");
    }

    [FixtureFact(Llama, Qwen)]
    public async Task GetStreamingResponse_CancelledMidAnswer_NextCallMatchesFreshClient()
    {
        using var client = Load();

        var (next, expected) = await PromptCacheScenario.CancelMidAnswerThenContinueAsync(client, () => Load(), Turns, Greedy);

        Assert.Equal(expected.Text, next.Text);
        Assert.True(next.Usage?.CachedInputTokenCount > 0, $"the next call kept nothing of the cancelled one: {next.Usage?.InputTokenCount} {next.Usage?.CachedInputTokenCount} [{next.Text}] [{expected.Text}]");
    }

    [FixtureFact(Llama, Qwen)]
    public async Task GetResponse_ConcurrentConversations_EachMatchesFreshClient()
    {
        List<ChatMessage>[] conversations = [.. Turns.Select(t => new List<ChatMessage> { new(ChatRole.User, t) })];
        var expected = new List<string>();
        foreach (var conversation in conversations)
        {
            using var fresh = Load();
            expected.Add((await fresh.GetResponseAsync(conversation, Greedy)).Text);
        }

        using var shared = Load();
        var answers = await Task.WhenAll(conversations.Select(c => Task.Run(() => shared.GetResponseAsync(c, Greedy))));
        Assert.Equal(expected, answers.Select(a => a.Text));
    }

    [FixtureFact(Llama, Qwen)]
    public async Task GetResponse_SeededSampling_StartsFromEmptyAndRepeats()
    {
        using var client = Load();
        List<ChatMessage> history = [new(ChatRole.User, Turns[0])];
        var options = new ChatOptions { MaxOutputTokens = 12, Temperature = 1f, Seed = 5 };
        var first = await client.GetResponseAsync(history, options);
        var second = await client.GetResponseAsync(history, options);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(0, second.Usage?.CachedInputTokenCount);
    }

    private static int[] Tokens(OnnxGenAIChatClient client, List<ChatMessage> history)
    {
        using var sequences = client.Model.Tokenizer.Encode(client.RenderPrompt(history));
        return sequences[0].ToArray();
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
