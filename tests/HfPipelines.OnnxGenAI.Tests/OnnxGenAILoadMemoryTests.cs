using HfPipelines.Generation;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using Xunit.Abstractions;

namespace HfPipelines.OnnxGenAI.Tests;

/// <summary>
/// Load on one ONNX Runtime GenAI pipeline (the tiny random Llama fixture with its real tokenizer; GenAI runs
/// generators concurrently on one model): 32 concurrent callers get the greedy output of the same prompts run alone;
/// after each round and a full collection the managed heap is back near its baseline and the resident set stops
/// growing; loading, using and disposing the model again and again does not grow it.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class OnnxGenAILoadMemoryTests(ITestOutputHelper output)
{
    private const string Llama = "ortgenai/tiny-random-LlamaForCausalLM-fp16";
    private const int Callers = 32;
    private const int RequestsPerCaller = 3;

    private static readonly string[] Prompts =
    [
        "Hello, my name is", "The weather today", "Once upon a time", "I would like to", "The capital of France",
        "My favourite food", "In the beginning", "Dear John,", "Step one:", "The answer is",
        "Tomorrow we will", "Look at the", "She said that", "Numbers: 1, 2,", "Why is the sky", "Please write",
    ];

    private static readonly TextGenerationOptions Greedy = new() { MaxNewTokens = 12, ReturnFullText = false };

    [FixtureFact(Llama)]
    public async Task TextGeneration_ThirtyTwoCallers_AloneResultsAndMemoryBackToBaseline()
    {
        using var pipeline = new TextGenerationPipeline(OnnxGenAIChatClient.Load(TestFixtures.PathOf(Llama)), ownsClient: true);
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
        Assert.Equal(Prompts.Length, alone.Values.Distinct(StringComparer.Ordinal).Count());
        LoadMemoryAssert.BackToBaseline(baseline, rounds);
    }

    [FixtureFact(Llama)]
    public async Task Client_LoadRunDisposeFortyTimes_ModelReleasedAndResidentSetFlat()
    {
        var sizes = new List<MemorySampler.Snapshot>();
        for (var i = 0; i < 40; i++)
        {
            var client = OnnxGenAIChatClient.Load(TestFixtures.PathOf(Llama));
            using (var pipeline = new TextGenerationPipeline(client, ownsClient: true))
            {
                Assert.NotEmpty((await pipeline.RunAsync(Prompts[i % Prompts.Length], Greedy)).GeneratedText);
            }

            Assert.True(client.Model.IsDisposed);
            sizes.Add(MemorySampler.Snapshot.Settled());
        }

        output.WriteLine(string.Join("; ", sizes));
        LoadMemoryAssert.Flat(sizes, warmUp: 3);
    }
}
