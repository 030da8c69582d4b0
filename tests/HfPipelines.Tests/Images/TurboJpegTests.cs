using System.Runtime.InteropServices;
using HfPipelines.Images;
using HfPipelines.Testing;
using SkiaSharp;
using Xunit.Abstractions;

namespace HfPipelines.Tests.Images;

/// <summary>
/// The TurboJPEG decode path (<see cref="ImageDecodeOptions.UseTurboJpeg"/>) against SkiaSharp's decode of the same
/// JPEG at the same scale. Both are libjpeg-turbo with the accurate integer IDCT and fancy upsampling, so the pixels
/// must be the same bytes.
/// </summary>
public sealed class TurboJpegTests(ITestOutputHelper output)
{
    private static readonly ImageDecodeOptions s_skia = new() { UseTurboJpeg = false };
    private static readonly string[] s_jpegs = ["ortgenai-10809054.jpg", "ortgenai-australia.jpg", "ortgenai-cars.jpg", "ortgenai-landscape.jpg", "wolves.jpg"];

    /// <summary>Every JPEG of the fixture images (pineapple.jpg is a PNG).</summary>
    public static TheoryData<string> FixtureJpegs { get; } = new(s_jpegs);

    [FixtureFact("images")]
    public void FixtureJpegs_ListEveryJpegOfTheFixtures()
    {
        var jpegs = Directory.GetFiles(TestFixtures.PathOf("images"))
            .Where(f => File.ReadAllBytes(f) is [0xFF, 0xD8, 0xFF, ..])
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);

        Assert.Equal(s_jpegs, jpegs);
    }

    [TurboJpegTheory("images")]
    [MemberData(nameof(FixtureJpegs))]
    public void TryDecode_FixtureJpegAtEveryScale_SameBytesAsSkiaSharp(string file)
    {
        var bytes = File.ReadAllBytes(TestFixtures.PathOf("images/" + file));
        using var codec = SKCodec.Create(new MemoryStream(bytes));

        for (var eighths = 1; eighths <= 8; eighths++)
        {
            var size = codec.GetScaledDimensions(eighths / 8f);
            var skia = SkiaPixels(codec, size);
            var turbo = TurboPixels(bytes, size.Width, size.Height, channels: 4, out var error);

            Assert.True(error is null, $"{file} at {eighths}/8: {error}");
            var (differing, maxDiff) = Compare(skia, turbo);
            output.WriteLine($"{file} {eighths}/8 {size.Width}x{size.Height}: {differing} of {skia.Length} bytes differ, max |diff| {maxDiff}");
            Assert.Equal((0, 0), (differing, maxDiff));
        }
    }

    [TurboJpegTheory("images")]
    [MemberData(nameof(FixtureJpegs))]
    public void Decode_FixtureJpegForImageNet_TurboJpegDecodesTheSameBytes(string file)
    {
        // The decode step of ImageNet preprocessing: reduced for the large photos (k/8), full size for the others.
        var bytes = File.ReadAllBytes(TestFixtures.PathOf("images/" + file));
        var turbo = new ImagePreprocessor(ImageProcessorConfig.ImageNet, new ImageDecodeOptions()).Decode(bytes);
        var skia = new ImagePreprocessor(ImageProcessorConfig.ImageNet, s_skia).Decode(bytes);

        Assert.True(turbo.DecodedByTurboJpeg);
        Assert.False(skia.DecodedByTurboJpeg);
        AssertSameImage(skia, turbo);
    }

    [TurboJpegTheory("images/ortgenai-australia.jpg")]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Decode_OrientedJpeg_SameAsSkiaSharpAtFullAndReducedScale(ushort orientation)
    {
        var jpeg = TestImages.WithExifOrientation(File.ReadAllBytes(TestFixtures.PathOf("images/ortgenai-australia.jpg")), orientation);

        var reduced = new ImagePreprocessor(ImageProcessorConfig.ImageNet, new ImageDecodeOptions()).Decode(jpeg);
        var full = ImageDecoder.Decode(jpeg, new ImageDecodeOptions());

        Assert.True(reduced.DecodedByTurboJpeg && full.DecodedByTurboJpeg);
        Assert.Equal(orientation >= 5 ? (548, 813) : (813, 548), (reduced.Width, reduced.Height));
        AssertSameImage(new ImagePreprocessor(ImageProcessorConfig.ImageNet, s_skia).Decode(jpeg), reduced);
        AssertSameImage(ImageDecoder.Decode(jpeg, s_skia), full);
    }

    [TurboJpegFact]
    public void Decode_GrayscaleJpeg_SameAsSkiaSharp()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(37, 21, SKColorType.Gray8));
        for (var y = 0; y < 21; y++)
        {
            for (var x = 0; x < 37; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 7), (byte)(x * 7), (byte)(x * 7)));
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        var jpeg = data.ToArray();

        var turbo = ImageDecoder.Decode(jpeg, new ImageDecodeOptions());

        Assert.True(turbo.DecodedByTurboJpeg);
        AssertSameImage(ImageDecoder.Decode(jpeg, s_skia), turbo);
        Assert.Equal(turbo.Pixels[0], turbo.Pixels[1]); // grey comes out as R = G = B
    }

    [TurboJpegFact]
    public void Decode_CmykJpeg_LeftToSkiaSharp()
    {
        // 16x8 YCCK JPEG (Adobe transform 2) made with TurboJPEG's tjCompress2 from TJPF_CMYK pixels, stored inverted as
        // Adobe's are: left half (C, M, Y, K) = (55, 255, 255, 255), cyan; right half (255, 255, 55, 215), dark yellow.
        var jpeg = Convert.FromBase64String(CmykJpeg);

        var image = ImageDecoder.Decode(jpeg, new ImageDecodeOptions());
        TurboPixels(jpeg, 16, 8, channels: 4, out var error);

        Assert.Equal("a CMYK or YCCK JPEG: TurboJPEG cannot convert it to RGB", error);
        Assert.False(image.DecodedByTurboJpeg);
        AssertSameImage(ImageDecoder.Decode(jpeg, s_skia), image);
        // SkiaSharp's Adobe CMYK to RGB: (C * K, M * K, Y * K) / 255.
        Assert.Equal(new byte[] { 55, 255, 255 }, image.Pixels[..3]);
        Assert.All(image.Pixels[36..39].Zip(new byte[] { 215, 215, 46 }), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 3));
    }

    [TurboJpegFact("images/wolves.jpg")]
    public void TryDecode_NotAScaleOfTheImage_FailsWithoutDecoding()
    {
        var bytes = File.ReadAllBytes(TestFixtures.PathOf("images/wolves.jpg")); // 500x334

        TurboPixels(bytes, 400, 300, channels: 3, out var error);

        Assert.Equal("400x300 is not a k/8 scale of 500x334", error);
    }

    [TurboJpegFact("images/wolves.jpg")]
    public void TryDecode_TruncatedJpeg_FailsWithAWarning()
    {
        var bytes = File.ReadAllBytes(TestFixtures.PathOf("images/wolves.jpg"));

        TurboPixels(bytes[..(bytes.Length / 2)], 500, 334, channels: 3, out var error);

        Assert.StartsWith("TurboJPEG warning: Premature end of JPEG file", error, StringComparison.Ordinal);
    }

    [TurboJpegFact("images/wolves.jpg")]
    public void Decode_TruncatedJpeg_SameTypedErrorAsSkiaSharp()
    {
        var bytes = File.ReadAllBytes(TestFixtures.PathOf("images/wolves.jpg"));
        var truncated = bytes.AsMemory(0, bytes.Length / 2);

        var withTurbo = Assert.Throws<InvalidPipelineInputException>(() => ImageDecoder.Decode(truncated, new ImageDecodeOptions()));
        var withSkia = Assert.Throws<InvalidPipelineInputException>(() => ImageDecoder.Decode(truncated, s_skia));

        Assert.Equal(withSkia.Message, withTurbo.Message);
        Assert.Contains("truncated", withTurbo.Message, StringComparison.Ordinal);
    }

    [TurboJpegFact]
    public void Decode_PngOrTurboJpegOff_DecodedBySkiaSharp()
    {
        var png = ImageDecoder.Decode(TestImages.RedBlue(16, 8, SKEncodedImageFormat.Png), new ImageDecodeOptions());
        var jpeg = TestImages.RedBlue(16, 8, SKEncodedImageFormat.Jpeg);

        Assert.False(png.DecodedByTurboJpeg);
        Assert.False(ImageDecoder.Decode(jpeg, s_skia).DecodedByTurboJpeg);
        Assert.True(ImageDecoder.Decode(jpeg, new ImageDecodeOptions()).DecodedByTurboJpeg);
        Assert.True(ImageDecodeOptions.TurboJpegAvailable);
    }

    [Fact]
    public void Load_DisabledByEnvironment_LoadsNothing()
    {
        Assert.Null(TurboJpeg.Load("1"));
    }

    [Fact]
    public void Decode_JpegWhateverTheLibrary_DecodesUpright()
    {
        // Runs with and without libturbojpeg: the result does not depend on which decoder ran.
        var jpeg = TestImages.WithExifOrientation(TestImages.RedBlue(16, 8, SKEncodedImageFormat.Jpeg), 6);

        var image = ImageDecoder.Decode(jpeg, new ImageDecodeOptions());

        Assert.Equal(TurboJpeg.IsAvailable, image.DecodedByTurboJpeg);
        Assert.Equal((8, 16), (image.Width, image.Height));
        AssertSameImage(ImageDecoder.Decode(jpeg, s_skia), image);
    }

    private const string CmykJpeg =
        "/9j/7gAOQWRvYmUAZAAAAAAC/9sAQwADAgIDAgIDAwMDBAMDBAUIBQUEBAUKBwcGCAwKDAwLCgsLDQ4SEA0OEQ4LCxAWEBETFBUVFQwPFxgWFB" +
        "gSFBUU/9sAQwEDBAQFBAUJBQUJFA0LDRQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU/8AAFAgACAAQ" +
        "BAERAAIRAQMRAQQRAP/EAB8AAAEFAQEBAQEBAAAAAAAAAAABAgMEBQYHCAkKC//EALUQAAIBAwMCBAMFBQQEAAABfQECAwAEEQUSITFBBhNRYQ" +
        "cicRQygZGhCCNCscEVUtHwJDNicoIJChYXGBkaJSYnKCkqNDU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6g4SFhoeIiYqS" +
        "k5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2drh4uPk5ebn6Onq8fLz9PX29/j5+v/EAB8BAAMBAQEBAQEBAQEAAA" +
        "AAAAABAgMEBQYHCAkKC//EALURAAIBAgQEAwQHBQQEAAECdwABAgMRBAUhMQYSQVEHYXETIjKBCBRCkaGxwQkjM1LwFWJy0QoWJDThJfEXGBka" +
        "JicoKSo1Njc4OTpDREVGR0hJSlNUVVZXWFlaY2RlZmdoaWpzdHV2d3h5eoKDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxM" +
        "XGx8jJytLT1NXW19jZ2uLj5OXm5+jp6vLz9PX29/j5+v/aAA4EAQACEQMRBAAAPwD5Kr8kP9Cz9U68cr/WY/zJPFK//9k=";

    internal static void AssertSameImage(DecodedImage expected, DecodedImage actual)
    {
        Assert.Equal((expected.Width, expected.Height, expected.Channels), (actual.Width, actual.Height, actual.Channels));
        Assert.Equal((expected.SourceWidth, expected.SourceHeight, expected.Region), (actual.SourceWidth, actual.SourceHeight, actual.Region));
        var length = expected.Width * expected.Height * expected.Channels;
        Assert.Equal((0, 0), Compare(expected.Pixels.AsSpan(0, length).ToArray(), actual.Pixels.AsSpan(0, length).ToArray()));
    }

    private static (int Differing, int MaxDiff) Compare(byte[] a, byte[] b)
    {
        Assert.Equal(a.Length, b.Length);
        int differing = 0, max = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = Math.Abs(a[i] - b[i]);
            differing += d > 0 ? 1 : 0;
            max = Math.Max(max, d);
        }

        return (differing, max);
    }

    private static byte[] SkiaPixels(SKCodec codec, SKSizeI size)
    {
        var pixels = new byte[size.Width * size.Height * 4];
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var handle = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        try
        {
            Assert.Equal(SKCodecResult.Success, codec.GetPixels(info, handle.AddrOfPinnedObject()));
        }
        finally
        {
            handle.Free();
        }

        return pixels;
    }

    private static byte[] TurboPixels(byte[] jpeg, int width, int height, int channels, out string? error)
    {
        var pixels = new byte[width * height * channels];
        var handle = GCHandle.Alloc(jpeg, GCHandleType.Pinned);
        try
        {
            TurboJpeg.Shared!.TryDecode(handle.AddrOfPinnedObject(), jpeg.Length, width, height, pixels, channels, out error);
        }
        finally
        {
            handle.Free();
        }

        return pixels;
    }
}
