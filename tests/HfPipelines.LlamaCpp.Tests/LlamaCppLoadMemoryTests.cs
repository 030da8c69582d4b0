using HfPipelines.Generation;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using Xunit.Abstractions;

namespace HfPipelines.LlamaCpp.Tests;

/// <summary>
/// Load on one llama.cpp pipeline (the real stories260K): 32 concurrent callers get the greedy continuations of the same
/// prompts run alone; after each round and a full collection the managed heap is back near its baseline and the resident
/// set (native memory included) stops growing; loading, using and disposing the model forty times (an undisposed client leaks about 2.5 MiB each) does not grow it.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class LlamaCppLoadMemoryTests(ITestOutputHelper output)
{
    private const int Callers = 32;
    private const int RequestsPerCaller = 3;

    private static readonly string[] Prompts =
    [
        "Once upon a time", "The little dog", "One day, a girl named Sue", "Tom and his mom", "The sun was",
        "In the park", "The cat saw a bird", "Lily wanted to", "Ben had a big", "The old man",
        "A little bird", "The boy and the girl", "Mia found a", "It was a sunny day", "The fish", "Max liked to",
    ];

    private static readonly TextGenerationOptions Greedy = new() { MaxNewTokens = 16, ReturnFullText = false };

    private static LlamaCppChatClient Stories() =>
        LlamaCppChatClient.Load(TestFixtures.PathOf(TestTools.StoriesPath), new LlamaCppModelOptions { Threads = 1, ContextSize = 256 });

    [FixtureFact(TestTools.StoriesPath)]
    public async Task TextGeneration_ThirtyTwoCallers_AloneResultsAndMemoryBackToBaseline()
    {
        using var pipeline = new TextGenerationPipeline(Stories(), ownsClient: true);
        var alone = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var prompt in Prompts)
        {
            alone[prompt] = (await pipeline.RunAsync(prompt, Greedy)).GeneratedText;
        }

        var baseline = MemorySampler.Snapshot.Settled();
        var rounds = await ConcurrentLoad.RunAsync(
            Prompts.Length, Callers, RequestsPerCaller, async i => (await pipeline.RunAsync(Prompts[i], Greedy)).GeneratedText,
            (i, text) => Assert.Equal(alone[Prompts[i]], text));

        output.WriteLine($"baseline {baseline}; rounds: {string.Join("; ", rounds)}");
        Assert.NotEqual(alone[Prompts[0]], alone[Prompts[1]]);
        LoadMemoryAssert.BackToBaseline(baseline, rounds);
    }

    [FixtureFact(TestTools.StoriesPath)]
    public async Task Client_LoadRunDisposeFortyTimes_HandlesClosedAndResidentSetFlat()
    {
        var sizes = new List<MemorySampler.Snapshot>();
        for (var i = 0; i < 40; i++)
        {
            var client = Stories();
            using (var pipeline = new TextGenerationPipeline(client, ownsClient: true))
            {
                Assert.NotEmpty((await pipeline.RunAsync(Prompts[i % Prompts.Length], Greedy)).GeneratedText);
            }

            Assert.True(client.IsContextClosed);
            Assert.True(client.Model.IsNativeHandleClosed);
            sizes.Add(MemorySampler.Snapshot.Settled());
        }

        output.WriteLine(string.Join("; ", sizes));
        LoadMemoryAssert.Flat(sizes, warmUp: 3);
    }
}
