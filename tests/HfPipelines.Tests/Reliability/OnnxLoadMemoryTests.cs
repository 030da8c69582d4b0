using HfPipelines.Hub;
using HfPipelines.Onnx;
using HfPipelines.Pipelines;
using HfPipelines.Testing;
using HfPipelines.Tests.Onnx;
using Xunit.Abstractions;
using HfPipelines.Composition;

namespace HfPipelines.Tests.Reliability;

/// <summary>
/// Load on one ONNX Runtime pipeline (the real embedded all-MiniLM-L6-v2): 32 concurrent callers get the results of the
/// same requests run alone; after each round and a full collection the managed heap is back near its baseline and the
/// process's resident set stops growing; loading and disposing the model again and again does not grow it either.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class OnnxLoadMemoryTests(ITestOutputHelper output) : IDisposable
{
    private const int Callers = 32;
    private const int RequestsPerCaller = 8;
    private readonly string _home = Path.Combine(Path.GetTempPath(), "hfp-load-" + Guid.NewGuid().ToString("N"));

    internal static string[] Texts { get; } = [.. Enumerable.Range(0, 48).Select(i => string.Concat(Enumerable.Repeat($"Sentence {i} talks about item {i * 7 % 13}. ", 1 + (i % 9))))];

    [Fact]
    public async Task FeatureExtraction_ThirtyTwoCallers_AloneResultsAndMemoryBackToBaseline()
    {
        using var provider = Pipeline.CreateProvider(HubOptions.FromVariables(n => n switch { "HF_HOME" => _home, "HF_HUB_OFFLINE" => "1", _ => null }));
        var embed = await provider.GetFeatureExtractionAsync();
        var alone = new float[Texts.Length][];
        for (var i = 0; i < Texts.Length; i++)
        {
            alone[i] = (await embed.RunAsync(Texts[i])).Vector.ToArray();
        }

        var baseline = MemorySampler.Snapshot.Settled();
        var rounds = await ConcurrentLoad.RunAsync(
            Texts.Length, Callers, RequestsPerCaller, async i => (await embed.RunAsync(Texts[i])).Vector.ToArray(),
            (i, vector) => Assert.Equal(alone[i], vector, (a, b) => Math.Abs(a - b) < 1e-5f));

        output.WriteLine($"baseline {baseline}; rounds: {string.Join("; ", rounds)}");
        LoadMemoryAssert.BackToBaseline(baseline, rounds);
    }

    [MiniLmFact]
    public async Task FeatureExtraction_LoadRunDisposeTwentyTimes_ResidentSetFlat()
    {
        var sizes = new List<MemorySampler.Snapshot>();
        for (var i = 0; i < 20; i++)
        {
            using (var pipeline = OnnxPipelines.CreateFeatureExtraction(MiniLmModel.Folder))
            {
                Assert.Equal(384, (await pipeline.RunAsync(Texts[i])).Vector.Length);
            }

            sizes.Add(MemorySampler.Snapshot.Settled());
        }

        output.WriteLine(string.Join("; ", sizes));
        // ONNX Runtime's arenas and glibc's heaps move the resident set by tens of MiB from one load to the next in a
        // process that ran a thousand other tests; a leaked session would add its ~90 MiB of weights each cycle.
        LoadMemoryAssert.Flat(sizes, warmUp: 3, residentSlack: 64L << 20);
    }

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }
}
