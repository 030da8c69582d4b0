using HfPipelines.Images;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Tests.Images;
using SkiaSharp;

namespace HfPipelines.Tests.Tasks.ImageClassification;

public sealed class ImageClassificationPipelineTests
{
    private const string Model = "onnx/mobilenetv2-12-int8";
    private const string Cats = "images/coco-000000039769-two-cats.png";

    private static ImageClassificationPipeline Create(ImageClassificationPipelineOptions? options = null) =>
        ImageClassificationPipeline.Create(TestFixtures.PathOf(Model), options);

    private static ImageInput Image(string relative) => ImageInput.FromFile(TestFixtures.PathOf(relative));

    [FixtureFact(Model, Cats)]
    public async Task RunAsync_TwoCats_TabbyCatFirst()
    {
        using var pipeline = Create();

        var labels = await pipeline.RunAsync(Image(Cats));

        Assert.Equal(5, labels.Count);
        Assert.Equal("tabby cat", labels[0].Label);
        Assert.InRange(labels[0].Score, 0.6f, 0.85f);
        Assert.Contains(labels, l => l.Label == "tiger cat");
        Assert.True(labels.Zip(labels.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [FixtureFact(Model, "images/pineapple.jpg")]
    public async Task RunAsync_Pineapple_PineappleWithHighScore()
    {
        using var pipeline = Create();

        var labels = await pipeline.RunAsync(Image("images/pineapple.jpg"), new ImageClassificationOptions { TopK = 1 });

        var top = Assert.Single(labels);
        Assert.Equal("pineapple", top.Label);
        Assert.InRange(top.Score, 0.99f, 1f);
    }

    [FixtureFact(Model, "images/wolves.jpg")]
    public async Task RunAsync_Wolves_WolfClassFirst()
    {
        using var pipeline = Create();

        var labels = await pipeline.RunAsync(ImageInput.FromBytes(await File.ReadAllBytesAsync(TestFixtures.PathOf("images/wolves.jpg"))));

        Assert.Contains("wolf", labels[0].Label, StringComparison.Ordinal);
    }

    [FixtureFact(Model, Cats)]
    public async Task Create_ExplicitTextLabelsFile_UsesItsNames()
    {
        using var pipeline = Create(new ImageClassificationPipelineOptions { LabelsPath = TestFixtures.PathOf($"{Model}/imagenet1000_clsidx_to_labels.txt") });

        var labels = await pipeline.RunAsync(Image(Cats), new ImageClassificationOptions { TopK = 1 });

        Assert.Equal("tabby, tabby cat", labels[0].Label);
        Assert.Equal(1000, pipeline.Labels.Count);
    }

    [FixtureFact(Model, Cats, "images/pineapple.jpg", "images/wolves.jpg")]
    public async Task RunBatchAsync_BatchOfTwo_SameAsOneByOne()
    {
        using var single = Create();
        using var batched = Create(new ImageClassificationPipelineOptions { BatchSize = 2 });
        ImageInput[] inputs = [Image(Cats), Image("images/pineapple.jpg"), Image("images/wolves.jpg")];

        var expected = new List<IReadOnlyList<ClassificationLabel>>();
        foreach (var input in inputs)
        {
            expected.Add(await single.RunAsync(input));
        }

        var actual = await batched.RunBatchAsync(inputs);

        Assert.Equal(3, actual.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i].Select(l => l.Label), actual[i].Select(l => l.Label));
            Assert.Equal(expected[i][0].Score, actual[i][0].Score, 4);
        }
    }

    [FixtureFact(Model, Cats)]
    public async Task RunAsync_FunctionNone_ReturnsRawLogits()
    {
        using var pipeline = Create();

        var labels = await pipeline.RunAsync(Image(Cats), new ImageClassificationOptions { FunctionToApply = ClassificationFunction.None, TopK = 1 });

        Assert.Equal("tabby cat", labels[0].Label);
        Assert.True(labels[0].Score > 1f, $"a logit, got {labels[0].Score}");
    }

    [FixtureFact(Model, Cats)]
    public async Task RunAsync_BadInputs_TypedErrorsAndStillUsable()
    {
        using var pipeline = Create();
        var png = TestImages.GradientPng(64, 64);
        ImageInput[] bad =
        [
            ImageInput.FromBytes("not an image"u8.ToArray()),
            ImageInput.FromBytes(png.AsMemory(0, png.Length / 2)),
            ImageInput.FromBytes(TestImages.PngHeaderOnly(30000, 30000)),
            ImageInput.FromFile("/no/such/image.png"),
        ];

        foreach (var input in bad)
        {
            await Assert.ThrowsAsync<InvalidPipelineInputException>(() => pipeline.RunAsync(input));
        }

        Assert.Equal(5, (await pipeline.RunAsync(ImageInput.FromBytes(TestImages.SolidPng(1, 1, SKColors.Gray)))).Count);
        Assert.Single(await pipeline.RunAsync(ImageInput.FromBytes(TestImages.TwoFrameGif()), new ImageClassificationOptions { TopK = 1 }));
        Assert.Equal("tabby cat", (await pipeline.RunAsync(Image(Cats)))[0].Label);
    }

    [FixtureFact(Model, Cats)]
    public async Task RunBatchAsync_BadImageInLaterBatch_ThrowsAndStaysUsable()
    {
        using var pipeline = Create(new ImageClassificationPipelineOptions { BatchSize = 1 });
        ImageInput[] inputs = [Image(Cats), ImageInput.FromBytes("nope"u8.ToArray()), Image(Cats)];

        await Assert.ThrowsAsync<InvalidPipelineInputException>(() => pipeline.RunBatchAsync(inputs));

        Assert.Equal("tabby cat", (await pipeline.RunAsync(Image(Cats)))[0].Label);
    }

    [FixtureFact(Model)]
    public async Task RunAsync_TopKZero_ThrowsInvalidInput()
    {
        using var pipeline = Create();

        await Assert.ThrowsAsync<InvalidPipelineInputException>(() => pipeline.RunAsync(ImageInput.FromBytes(TestImages.SolidPng(2, 2, SKColors.Red)), new ImageClassificationOptions { TopK = 0 }));
    }

    [FixtureFact(Model, Cats)]
    public async Task CreateImageClassification_OnnxPipelinesFactory_SameLabels()
    {
        using var pipeline = HfPipelines.Onnx.OnnxPipelines.CreateImageClassification(
            TestFixtures.PathOf(Model), new HfPipelines.Onnx.OnnxPipelineOptions { ModelFile = "mobilenetv2-12-int8.onnx", BatchSize = 2 });

        var labels = await pipeline.RunAsync(Image(Cats), new ImageClassificationOptions { TopK = 2 });

        Assert.Equal(2, labels.Count);
        Assert.Equal("tabby cat", labels[0].Label);
    }

    [FixtureFact(Model)]
    public async Task RunAsync_PreprocessingSizeNotTheModels_InferenceExceptionNamingTheShape()
    {
        using var pipeline = Create(new ImageClassificationPipelineOptions { ProcessorConfig = new ImageProcessorConfig { Height = 100, Width = 100 } });

        var ex = await Assert.ThrowsAsync<InferenceException>(() => pipeline.RunAsync(ImageInput.FromBytes(TestImages.SolidPng(8, 8, SKColors.Red))));

        Assert.Contains("[1, 3, 100, 100]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MissingFolder_ThrowsModelLoad()
    {
        Assert.Throws<ModelLoadException>(() => ImageClassificationPipeline.Create("/no/such/model"));
    }

    [FixtureFact(Model, Cats)]
    public async Task Create_FolderWithConfigAndProcessorConfig_UsesThem()
    {
        var dir = Directory.CreateTempSubdirectory("hfp-imgcls-");
        try
        {
            File.Copy(TestFixtures.PathOf($"{Model}/mobilenetv2-12-int8.onnx"), Path.Combine(dir.FullName, "model.onnx"));
            var id2label = string.Join(",", Enumerable.Range(0, 1000).Select(i => $"\"{i}\": \"class{i}\""));
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "config.json"), $"{{\"id2label\": {{{id2label}}}}}");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "preprocessor_config.json"), """
                {"do_resize": true, "size": {"shortest_edge": 256}, "do_center_crop": true, "crop_size": {"height": 224, "width": 224},
                 "resample": 2, "image_mean": [0.485, 0.456, 0.406], "image_std": [0.229, 0.224, 0.225]}
                """);
            using var pipeline = ImageClassificationPipeline.Create(dir.FullName);

            var labels = await pipeline.RunAsync(Image(Cats), new ImageClassificationOptions { TopK = 1 });

            Assert.Equal("class281", labels[0].Label); // 281 = tabby cat
            Assert.Equal(ImageResampling.Bilinear, pipeline.ProcessorConfig.Resample);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
