using HfPipelines.OnnxGenAI.Whisper;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Tokenization;
using Xunit.Abstractions;

namespace HfPipelines.OnnxGenAI.Tests.Whisper;

/// <summary>
/// GenAI Whisper releases what each window holds (the pinned features, GenAI's generator and tensors) and what each
/// model holds: 32 concurrent callers get the results of the same calls run alone with memory back to its baseline, and
/// loading, transcribing and disposing again and again keeps the resident set flat.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class OnnxGenAIWhisperMemoryTests(ITestOutputHelper output) : IDisposable
{
    private const string Fixture = "ortgenai/whisper-partial";
    private readonly List<string> _folders = [];

    [FixtureFact(Fixture)]
    public async Task ThirtyTwoCallers_AloneResultsAndMemoryBackToBaseline()
    {
        using var pipeline = OnnxGenAIWhisper.CreatePipeline(Folder(" And so my fellow Americans, ask not."));
        var inputs = Enumerable.Range(1, 8).Select(seconds => AudioInput.FromSamples(Tone(seconds * 3), 16_000)).ToArray();
        var options = new SpeechRecognitionOptions { Language = "en" };
        var alone = new List<string>();
        foreach (var input in inputs)
        {
            alone.Add(Describe(await pipeline.RunAsync(input, options)));
        }

        var baseline = MemorySampler.Snapshot.Settled();
        var rounds = await ConcurrentLoad.RunAsync(
            inputs.Length, 32, 1, async i => Describe(await pipeline.RunAsync(inputs[i], options)), (i, text) => Assert.Equal(alone[i], text));

        output.WriteLine($"baseline {baseline}; rounds: {string.Join("; ", rounds)}");
        Assert.All(alone, text => Assert.Equal(" And so my fellow Americans, ask not. | ", text));
        LoadMemoryAssert.BackToBaseline(baseline, rounds);
    }

    [FixtureFact(Fixture)]
    public async Task Pipeline_LoadTranscribeDisposeTwentyTimes_ResidentSetFlat()
    {
        var folder = Folder(" Hello");
        var sizes = new List<MemorySampler.Snapshot>();
        for (var i = 0; i < 20; i++)
        {
            using (var pipeline = OnnxGenAIWhisper.CreatePipeline(folder))
            {
                var result = await pipeline.RunAsync(AudioInput.FromSamples(Tone(10), 16_000), new SpeechRecognitionOptions { Language = "en" });
                Assert.Equal(" Hello", result.Text);
            }

            sizes.Add(MemorySampler.Snapshot.Settled());
        }

        output.WriteLine(string.Join("; ", sizes));
        LoadMemoryAssert.Flat(sizes, warmUp: 3);
    }

    public void Dispose()
    {
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static float[] Tone(int seconds) => [.. Enumerable.Range(0, seconds * 16_000).Select(i => 0.1f * MathF.Sin(i * 0.05f))];

    private static string Describe(SpeechRecognitionResult result) =>
        result.Text + " | " + string.Join(", ", result.Chunks?.Select(c => FormattableString.Invariant($"[{c.Timestamp[0]}, {c.Timestamp[1]}]")) ?? []);

    private string Folder(string text)
    {
        var fixture = TestFixtures.PathOf(Fixture);
        var ids = HfTokenizer.FromFolder(fixture).Encode(text, options: new EncodeOptions { AddSpecialTokens = false }).Ids;
        var folder = ScriptedGenAIWhisper.Create(fixture, constantScript: [50259, 50359, 50363, .. ids, 50257]);
        _folders.Add(folder);
        return folder;
    }
}
