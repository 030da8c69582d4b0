using HfPipelines.Tasks;
using HfPipelines.Testing;
using Xunit.Abstractions;

namespace HfPipelines.Tests.Reliability;

/// <summary>
/// Load on one image-classification pipeline (the real MobileNetV2 int8 fixture, the fixture photos up to 3840x2160):
/// 32 concurrent callers get the labels of the same images classified alone, and after each round and a full
/// collection the managed heap is back near its baseline (decode buffers are not kept per caller).
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class ImageLoadMemoryTests(ITestOutputHelper output)
{
    private const string Model = "onnx/mobilenetv2-12-int8";

    [FixtureFact(Model, "images")]
    public async Task ImageClassification_ThirtyTwoCallers_AloneResultsAndMemoryBackToBaseline()
    {
        using var pipeline = ImageClassificationPipeline.Create(TestFixtures.PathOf(Model));
        var images = Directory.GetFiles(TestFixtures.PathOf("images")).Order(StringComparer.Ordinal).Select(ImageInput.FromFile).ToArray();
        var options = new ImageClassificationOptions { TopK = 3 };
        var alone = new List<string>();
        foreach (var image in images)
        {
            alone.Add(Describe(await pipeline.RunAsync(image, options)));
        }

        var baseline = MemorySampler.Snapshot.Settled();
        var rounds = await ConcurrentLoad.RunAsync(
            images.Length, 32, 2, async i => Describe(await pipeline.RunAsync(images[i], options)), (i, labels) => Assert.Equal(alone[i], labels));

        output.WriteLine($"baseline {baseline}; rounds: {string.Join("; ", rounds)}");
        Assert.True(alone.Distinct(StringComparer.Ordinal).Count() >= images.Length - 1, string.Join(" / ", alone));
        LoadMemoryAssert.BackToBaseline(baseline, rounds);
    }

    private static string Describe(IReadOnlyList<ClassificationLabel> labels) =>
        string.Join(", ", labels.Select(l => FormattableString.Invariant($"{l.Label} {l.Score:0.0000}")));
}
