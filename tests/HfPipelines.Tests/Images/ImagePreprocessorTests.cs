using System.Text.Json;
using HfPipelines.Images;
using SkiaSharp;

namespace HfPipelines.Tests.Images;

public sealed class ImagePreprocessorTests
{
    [Fact]
    public void Process_ImageNetConfig_ReturnsNormalizedCenterCrop()
    {
        var preprocessor = new ImagePreprocessor(ImageProcessorConfig.ImageNet, new ImageDecodeOptions());

        var (pixels, height, width) = preprocessor.Process(TestImages.SolidPng(300, 400, new SKColor(255, 0, 128)));

        Assert.Equal((224, 224), (height, width));
        Assert.Equal(3 * 224 * 224, pixels.Length);
        Assert.Equal((1f - 0.485f) / 0.229f, pixels[0], 4);
        Assert.Equal((0f - 0.456f) / 0.224f, pixels[224 * 224], 4);
        Assert.Equal(((128f / 255f) - 0.406f) / 0.225f, pixels[2 * 224 * 224], 4);
    }

    [Fact]
    public void Resize_ShortestEdge_KeepsAspectRatioWithTruncatedLongSide()
    {
        var preprocessor = new ImagePreprocessor(new ImageProcessorConfig { ShortestEdge = 256 }, new ImageDecodeOptions());

        var resized = preprocessor.Resize(new DecodedImage(640, 480, new byte[640 * 480 * 3]));

        // transformers: int(256 * 640 / 480) = 341.
        Assert.Equal((341, 256), (resized.Width, resized.Height));
    }

    [Fact]
    public void Resize_ConvNextCropPct_ResizesThenCrops()
    {
        var config = ImageProcessorConfig.Parse(JsonDocument.Parse("""{"image_processor_type":"ConvNextImageProcessor","size":{"shortest_edge":224},"crop_pct":0.875}""").RootElement);
        var preprocessor = new ImagePreprocessor(config, new ImageDecodeOptions());

        var resized = preprocessor.Resize(new DecodedImage(300, 200, new byte[300 * 200 * 3]));

        Assert.Equal(ImageResampling.Bilinear, config.Resample); // ConvNextImageProcessor's default
        Assert.Equal((224, 224), (resized.Width, resized.Height));
    }

    [Theory]
    [InlineData(256, 224, 224)] // ImageNet: the crop lies inside the resize
    [InlineData(10, 16, 16)]    // the crop is taller than the 20x10 resize: zero rows above and below
    [InlineData(12, 7, 30)]     // wider than the 24x12 resize, shorter than it
    public void ResizeAndCrop_RandomImage_SameAsResizeThenCenterCrop(int shortestEdge, int cropHeight, int cropWidth)
    {
        var pixels = new byte[300 * 150 * 4];
        new Random(3).NextBytes(pixels);
        var image = new DecodedImage(300, 150, pixels, 4);
        var preprocessor = new ImagePreprocessor(
            new ImageProcessorConfig { ShortestEdge = shortestEdge, DoCenterCrop = true, CropHeight = cropHeight, CropWidth = cropWidth }, new ImageDecodeOptions());

        var fused = preprocessor.ResizeAndCrop(image);

        var expected = ImagePreprocessor.CenterCrop(preprocessor.Resize(image), cropHeight, cropWidth);
        Assert.Equal((cropWidth, cropHeight), (fused.Width, fused.Height));
        Assert.Equal(expected.Pixels, fused.Pixels);
    }

    [Fact]
    public void CenterCrop_OddDifference_TakesFloorOfHalf()
    {
        var image = ImageDecoder.Decode(TestImages.GradientPng(5, 4), new ImageDecodeOptions());

        var cropped = ImagePreprocessor.CenterCrop(image, 2, 2);

        // top = (4 - 2) // 2 = 1, left = (5 - 2) // 2 = 1: first pixel is (x=1, y=1).
        Assert.Equal(new byte[] { 1, 1, 7 }, cropped.Pixels[..3]);
    }

    [Fact]
    public void CenterCrop_LargerThanImage_PadsWithZeros()
    {
        var image = new DecodedImage(1, 1, [9, 9, 9]);

        var cropped = ImagePreprocessor.CenterCrop(image, 3, 3);

        Assert.Equal(9, cropped.Pixels[((1 * 3) + 1) * 3]);
        Assert.Equal(0, cropped.Pixels[0]);
    }

    [Theory]
    [InlineData(ImageResampling.Bilinear)]
    [InlineData(ImageResampling.Bicubic)]
    [InlineData(ImageResampling.Lanczos)]
    public void Resize_UniformImage_StaysUniform(ImageResampling filter)
    {
        var rgb = Enumerable.Repeat((byte)77, 50 * 30 * 3).ToArray();

        var resized = PilResizer.Resize(new DecodedImage(50, 30, rgb), 17, 64, filter);

        Assert.All(resized.Pixels, b => Assert.Equal(77, b));
    }

    [Fact]
    public void Resize_BilinearHalving_AveragesNeighbours()
    {
        // PIL ImagingResample: 4 -> 2 with the triangle filter scaled by 2 (support 2). Output 0 centres on 1.0 and
        // takes pixels 0..2 with weights .75 .75 .25 (/1.75): (75 + 50) / 1.75 = 71.4; output 1 takes pixels 1..3
        // with .25 .75 .75: (25 + 150 + 187.5) / 1.75 = 207.1.
        var rgb = new byte[] { 0, 0, 0, 100, 100, 100, 200, 200, 200, 250, 250, 250 };

        var resized = PilResizer.Resize(new DecodedImage(4, 1, rgb), 2, 1, ImageResampling.Bilinear);

        Assert.Equal(new byte[] { 71, 71, 71, 207, 207, 207 }, resized.Pixels);
    }

    [Fact]
    public void Parse_ViTConfig_ReadsSizeMeanStdAndFlags()
    {
        const string json = """
            {"do_normalize": true, "do_rescale": true, "do_resize": true, "image_mean": [0.5, 0.5, 0.5],
             "image_processor_type": "ViTImageProcessor", "image_std": [0.5, 0.5, 0.5], "resample": 2,
             "rescale_factor": 0.00392156862745098, "size": {"height": 224, "width": 224}}
            """;

        var config = ImageProcessorConfig.Parse(JsonDocument.Parse(json).RootElement);

        Assert.Equal((0, 224, 224), (config.ShortestEdge, config.Height, config.Width));
        Assert.False(config.DoCenterCrop);
        Assert.Equal([0.5f, 0.5f, 0.5f], config.ImageMean);
    }

    [Fact]
    public void Parse_LegacyIntegerSizeForClip_IsShortestEdge()
    {
        var config = ImageProcessorConfig.Parse(JsonDocument.Parse("""{"feature_extractor_type":"CLIPFeatureExtractor","size":224,"crop_size":224,"do_center_crop":true,"resample":3}""").RootElement);

        Assert.Equal(224, config.ShortestEdge);
        Assert.Equal((224, 224), (config.CropHeight, config.CropWidth));
        Assert.Equal(ImageResampling.Bicubic, config.Resample);
    }
}
