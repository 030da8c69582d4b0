using HfPipelines.Images;
using HfPipelines.Testing;
using SkiaSharp;

namespace HfPipelines.Tests.Images;

public sealed class ImageDecoderTests
{
    private static readonly ImageDecodeOptions s_options = new();

    [Fact]
    public void Decode_SolidPng_ReturnsRgbPixels()
    {
        var image = ImageDecoder.Decode(TestImages.SolidPng(3, 2, new SKColor(10, 20, 30)), s_options);

        Assert.Equal(3, image.Width);
        Assert.Equal(2, image.Height);
        Assert.Equal(18, image.Rgb.Length);
        Assert.Equal(new byte[] { 10, 20, 30 }, image.Rgb[..3]);
    }

    [Fact]
    public void Decode_NotAnImage_ThrowsInvalidInput()
    {
        var ex = Assert.Throws<InvalidPipelineInputException>(() => ImageDecoder.Decode("hello, not an image"u8.ToArray(), s_options));

        Assert.Contains("not a supported image", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Empty_ThrowsInvalidInput()
    {
        Assert.Throws<InvalidPipelineInputException>(() => ImageDecoder.Decode(ReadOnlyMemory<byte>.Empty, s_options));
    }

    [Fact]
    public void Decode_TruncatedPng_ThrowsInvalidInput()
    {
        var png = TestImages.GradientPng(64, 64);

        var ex = Assert.Throws<InvalidPipelineInputException>(() => ImageDecoder.Decode(png.AsMemory(0, png.Length / 2), s_options));

        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(30000, 30000)]
    [InlineData(20000, 20000)]
    public void Decode_HugeDeclaredSize_RefusedFromHeader(int width, int height)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();

        var ex = Assert.Throws<InvalidPipelineInputException>(() => ImageDecoder.Decode(TestImages.PngHeaderOnly(width, height), s_options));

        Assert.Contains($"{width}x{height}", ex.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000, "the pixels must not be allocated");
    }

    [Fact]
    public void Decode_AnimatedGif_ReturnsFirstFrame()
    {
        var image = ImageDecoder.Decode(TestImages.TwoFrameGif(), s_options);

        Assert.Equal(new byte[] { 255, 0, 0 }, image.Rgb);
    }

    [Fact]
    public void Decode_OnePixel_Decodes()
    {
        var image = ImageDecoder.Decode(TestImages.SolidPng(1, 1, SKColors.White), s_options);

        Assert.Equal((1, 1), (image.Width, image.Height));
    }

    [Fact]
    public void Decode_LowerPixelLimit_RefusesLargerImage()
    {
        var options = new ImageDecodeOptions { MaxPixels = 100 };

        Assert.Throws<InvalidPipelineInputException>(() => ImageDecoder.Decode(TestImages.SolidPng(20, 20, SKColors.Red), options));
    }

    [FixtureFact("images/ortgenai-10809054.jpg")]
    public void Decode_LargeJpegWithSmallTarget_DecodesReducedButAtLeastThreeTimesTarget()
    {
        var bytes = File.ReadAllBytes(TestFixtures.PathOf("images/ortgenai-10809054.jpg"));

        var reduced = ImageDecoder.Decode(bytes, s_options, targetShortSide: 224);
        var full = ImageDecoder.Decode(bytes, new ImageDecodeOptions { AllowReducedDecode = false }, targetShortSide: 224);

        Assert.Equal((3840, 2160), (full.Width, full.Height));
        Assert.True(reduced.Height < full.Height && reduced.Height >= 3 * 224, $"reduced to {reduced.Width}x{reduced.Height}");
    }
}
