using HfPipelines.Images;

namespace HfPipelines.Tests.Images;

public sealed class PilResizerTests
{
    public static TheoryData<ImageResampling, int, int, int, int, int> Cases()
    {
        var data = new TheoryData<ImageResampling, int, int, int, int, int>();
        foreach (var filter in new[] { ImageResampling.Bilinear, ImageResampling.Bicubic, ImageResampling.Lanczos, ImageResampling.Box, ImageResampling.Hamming })
        {
            foreach (var channels in new[] { 3, 4 })
            {
                data.Add(filter, channels, 97, 61, 23, 17);   // both sides down
                data.Add(filter, channels, 640, 480, 341, 256); // the ImageNet resize of the two-cats photo
                data.Add(filter, channels, 13, 9, 40, 31);    // both sides up
                data.Add(filter, channels, 50, 40, 50, 11);   // vertical only
                data.Add(filter, channels, 50, 40, 7, 40);    // horizontal only
                data.Add(filter, channels, 1, 1, 5, 3);       // from one pixel
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resize_RandomImage_SameBytesAsPillowReference(ImageResampling filter, int channels, int width, int height, int outWidth, int outHeight)
    {
        var pixels = RandomPixels(width * height * channels, seed: width + outHeight);

        var resized = PilResizer.Resize(new DecodedImage(width, height, pixels, channels), outWidth, outHeight, filter);

        Assert.Equal((outWidth, outHeight, channels), (resized.Width, resized.Height, resized.Channels));
        Assert.Equal(ReferencePilResize.Resize(pixels, width, height, channels, outWidth, outHeight, filter), resized.Pixels);
    }

    [Theory]
    [InlineData(ImageResampling.Bilinear, 3)]
    [InlineData(ImageResampling.Bicubic, 4)]
    [InlineData(ImageResampling.Lanczos, 3)]
    public void Resize_Window_SameBytesAsCropOfWholeResult(ImageResampling filter, int channels)
    {
        const int width = 300, height = 200, outWidth = 113, outHeight = 75;
        var pixels = RandomPixels(width * height * channels, seed: 7);
        var whole = ReferencePilResize.Resize(pixels, width, height, channels, outWidth, outHeight, filter);
        var window = new PixelWindow(31, 9, 50, 61);

        var part = PilResizer.Resize(new DecodedImage(width, height, pixels, channels), outWidth, outHeight, filter, window);

        Assert.Equal((50, 61), (part.Width, part.Height));
        for (var y = 0; y < window.Height; y++)
        {
            var expected = whole.AsSpan((((window.Top + y) * outWidth) + window.Left) * channels, window.Width * channels).ToArray();
            Assert.Equal(expected, part.Pixels.AsSpan(y * window.Width * channels, window.Width * channels).ToArray());
        }
    }

    [Theory]
    [InlineData(ImageResampling.Bilinear, 4)]
    [InlineData(ImageResampling.Bicubic, 3)]
    [InlineData(ImageResampling.Nearest, 4)]
    public void Resize_SourceRegion_SameBytesAsPillowBox(ImageResampling filter, int channels)
    {
        // A reduced decode whose last pixel is only half covered by the full-size image: Pillow's box (0.5, 0, 81, 40.5).
        const int width = 81, height = 41;
        var pixels = RandomPixels(width * height * channels, seed: 11);
        var image = new DecodedImage(width, height, pixels, channels).WithSource(130, 66, new SourceRegion(0.5, 0, 81, 40.5));

        var resized = PilResizer.Resize(image, 30, 20, filter);

        if (filter == ImageResampling.Nearest)
        {
            // Output (0, 0) samples x = (int)(0.5 + (0.5 * 80.5 / 30)) = 1, y = (int)(0.5 * 40.5 / 20) = 1.
            Assert.Equal(pixels.AsSpan(((1 * width) + 1) * channels, channels).ToArray(), resized.Pixels.AsSpan(0, channels).ToArray());
        }
        else
        {
            Assert.Equal(ReferencePilResize.Resize(pixels, width, height, channels, 30, 20, filter, (0.5, 0, 81, 40.5)), resized.Pixels);
        }
    }

    [Fact]
    public void Resize_WindowOutsideResult_ThrowsOutOfRange()
    {
        var image = new DecodedImage(4, 4, new byte[48]);

        Assert.Throws<ArgumentOutOfRangeException>(() => PilResizer.Resize(image, 2, 2, ImageResampling.Bilinear, new PixelWindow(1, 0, 2, 2)));
    }

    [Fact]
    public void Resize_SameSizeWithWindow_CopiesTheWindow()
    {
        var image = new DecodedImage(3, 2, [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5]);

        var part = PilResizer.Resize(image, 3, 2, ImageResampling.Bicubic, new PixelWindow(1, 1, 2, 1));

        Assert.Equal(new byte[] { 4, 4, 4, 5, 5, 5 }, part.Pixels);
    }

    private static byte[] RandomPixels(int length, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[length];
        random.NextBytes(pixels);
        // Runs of extremes make the lobes of bicubic and Lanczos overshoot, so clipping is exercised.
        for (var i = 0; i < length; i += 37)
        {
            pixels[i] = (byte)(i % 2 == 0 ? 255 : 0);
        }

        return pixels;
    }
}
