using System.Text.Json.Nodes;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Tests.Tasks.Parity;

namespace HfPipelines.Tests.Tasks.ImageClassification;

/// <summary>image-classification against transformers 5.17's pipeline (slow image processor) on random ViT and ConvNeXt
/// models: the same top-5 labels in the same order, scores within 2e-3 (image decoding and resizing differ slightly).</summary>
public sealed class ImageClassificationParityTests
{
    public static IEnumerable<object[]> Items() =>
        new[] { "image-vit", "image-convnext" }.SelectMany(key => PyOracle.Case(key) is { } c
            ? c["images"]!.AsArray().Select(i => new object[] { key, (string)i! })
            : []);

    [FixtureTheory(PyOracle.Expected, "images")]
    [MemberData(nameof(Items))]
    public async Task RunAsync_OracleImage_SameTopLabelsAsTransformers(string key, string image)
    {
        var @case = PyOracle.Case(key)!;
        using var provider = PyOracle.Provider();
        var pipeline = await provider.GetImageClassificationAsync(PyOracle.Folder((string)@case["model"]!));

        var labels = await pipeline.RunAsync(ImageInput.FromFile(PyOracle.Media(Path.Combine("images", image))), new ImageClassificationOptions { TopK = 5 });

        var want = @case["by_processor"]!["slow"]![image]!["top5"]!.AsArray();
        Assert.Equal(want.Select(w => (string)w!["label"]!), labels.Select(l => l.Label));
        PyOracle.AssertClose(want, labels, tolerance: 2e-3);
    }
}
