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
        Assert.Equal(18, image.Pixels.Length);
        Assert.Equal(new byte[] { 10, 20, 30 }, image.Pixels[..3]);
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

        Assert.Equal(new byte[] { 255, 0, 0 }, image.Pixels);
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
    public void Decode_LargeJpegWithSmallTarget_DecodesReducedButAtLeastTwiceTarget()
    {
        var bytes = File.ReadAllBytes(TestFixtures.PathOf("images/ortgenai-10809054.jpg"));

        var reduced = ImageDecoder.Decode(bytes, s_options, (_, _) => (398, 224), rgbx: false);
        var full = ImageDecoder.Decode(bytes, new ImageDecodeOptions { AllowReducedDecode = false }, (_, _) => (398, 224), rgbx: false);

        Assert.Equal((3840, 2160), (full.Width, full.Height));
        // k/8 scaling: 1/4 gives 960x540, the smallest with both sides at least twice 398x224.
        Assert.Equal((960, 540), (reduced.Width, reduced.Height));
        Assert.Equal((3840, 2160), (reduced.SourceWidth, reduced.SourceHeight));
    }

    [Theory]
    [InlineData(6, 8, 16, true)]   // rotate 90 clockwise: the left (red) half goes on top
    [InlineData(8, 8, 16, false)]  // rotate 90 counter-clockwise: the left (red) half goes to the bottom
    [InlineData(3, 16, 8, false)]  // rotate 180: red goes right
    [InlineData(1, 16, 8, true)]   // upright
    public void Decode_JpegWithExifOrientation_AppliesIt(ushort orientation, int width, int height, bool redFirst)
    {
        var jpeg = TestImages.WithExifOrientation(TestImages.RedBlue(16, 8, SKEncodedImageFormat.Jpeg), orientation);

        var image = ImageDecoder.Decode(jpeg, s_options);

        Assert.Equal((width, height), (image.Width, image.Height));
        var first = image.Pixels[0] > 200 && image.Pixels[2] < 60; // red at (0, 0)
        Assert.Equal(redFirst, first);
    }

    [Fact]
    public void Decode_ExifOrientationDisabled_KeepsStoredLayout()
    {
        var jpeg = TestImages.WithExifOrientation(TestImages.RedBlue(16, 8, SKEncodedImageFormat.Jpeg), 6);

        var image = ImageDecoder.Decode(jpeg, new ImageDecodeOptions { ApplyExifOrientation = false });

        Assert.Equal((16, 8), (image.Width, image.Height));
    }

    [Fact]
    public void Decode_WebP_Decodes()
    {
        var image = ImageDecoder.Decode(TestImages.RedBlue(16, 8, SKEncodedImageFormat.Webp), s_options);

        Assert.Equal((16, 8), (image.Width, image.Height));
        Assert.True(image.Pixels[0] > 200 && image.Pixels[^1] > 200, "red on the left, blue on the right");
    }

    [Fact]
    public void Decode_Bmp24_ReadsBgrRows()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("BM"u8);
        writer.Write(62);        // file size
        writer.Write(0);         // reserved
        writer.Write(54);        // pixel offset
        writer.Write(40);        // BITMAPINFOHEADER
        writer.Write(2);         // width
        writer.Write(1);         // height (bottom-up)
        writer.Write((short)1);  // planes
        writer.Write((short)24); // bits per pixel
        writer.Write(0);         // BI_RGB
        writer.Write(8);         // image size
        writer.Write(2835);
        writer.Write(2835);
        writer.Write(0);
        writer.Write(0);
        writer.Write(new byte[] { 255, 0, 0, 0, 255, 0, 0, 0 }); // blue, green, row padding
        writer.Flush();

        var image = ImageDecoder.Decode(stream.ToArray(), s_options);

        Assert.Equal(new byte[] { 0, 0, 255, 0, 255, 0 }, image.Pixels);
    }
}
