using System.Runtime.InteropServices;
using SkiaSharp;

namespace HfPipelines.Images;

/// <summary>
/// Decodes PNG, JPEG, WebP, BMP and GIF (first frame) with SkiaSharp into packed RGB. The header is read
/// first so that oversized images are refused without allocating their pixels. Thread-safe (stateless).
/// </summary>
internal static class ImageDecoder
{
    private const string Formats = "PNG, JPEG, WebP, BMP or GIF";

    /// <summary>Decodes an encoded image.</summary>
    /// <param name="bytes">The encoded bytes.</param>
    /// <param name="options">Limits.</param>
    /// <param name="targetShortSide">The short side the image will be resized to, or 0 when unknown.</param>
    /// <returns>The RGB pixels.</returns>
    /// <exception cref="InvalidPipelineInputException">Not an image, truncated, empty or too large.</exception>
    public static DecodedImage Decode(ReadOnlyMemory<byte> bytes, ImageDecodeOptions options, int targetShortSide = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (bytes.IsEmpty)
        {
            throw new InvalidPipelineInputException($"The image is empty (0 bytes). Pass the bytes of a {Formats} file.");
        }

        using var data = SKData.CreateCopy(bytes.Span);
        using var codec = SKCodec.Create(data)
            ?? throw new InvalidPipelineInputException($"The input ({bytes.Length} bytes) is not a supported image. Pass a {Formats} file.");
        var info = codec.Info;
        CheckSize(info.Width, info.Height, options.MaxPixels);
        var size = ChooseDecodeSize(codec, options, targetShortSide);
        var image = DecodePixels(codec, size);
        return options.ApplyExifOrientation ? ExifOrientation.Apply(image, codec.EncodedOrigin) : image;
    }

    /// <summary>Refuses empty or oversized dimensions, as declared by the header.</summary>
    /// <param name="width">Declared width.</param>
    /// <param name="height">Declared height.</param>
    /// <param name="maxPixels">The limit.</param>
    public static void CheckSize(int width, int height, long maxPixels)
    {
        if (width <= 0 || height <= 0)
        {
            throw new InvalidPipelineInputException($"The image declares a size of {width}x{height} pixels; both sides must be positive.");
        }

        var pixels = (long)width * height;
        if (pixels > maxPixels)
        {
            throw new InvalidPipelineInputException(
                $"The image declares {width}x{height} pixels ({pixels:N0}), more than the limit of {maxPixels:N0}. " +
                "Downscale it first, or raise ImageDecodeOptions.MaxPixels if it is trusted.");
        }
    }

    private static SKSizeI ChooseDecodeSize(SKCodec codec, ImageDecodeOptions options, int targetShortSide)
    {
        var info = codec.Info;
        var full = new SKSizeI(info.Width, info.Height);
        if (!options.AllowReducedDecode || targetShortSide <= 0 || codec.EncodedFormat != SKEncodedImageFormat.Jpeg)
        {
            return full;
        }

        // libjpeg-turbo decodes at k/8 scales: take the smallest that keeps three times the target.
        for (var eighths = 1; eighths < 8; eighths++)
        {
            var scaled = codec.GetScaledDimensions(eighths / 8f);
            if (Math.Min(scaled.Width, scaled.Height) >= 3 * targetShortSide && scaled.Width < info.Width)
            {
                return scaled;
            }
        }

        return full;
    }

    private static DecodedImage DecodePixels(SKCodec codec, SKSizeI size)
    {
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[checked(size.Width * size.Height * 4)];
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        SKCodecResult result;
        try
        {
            result = codec.GetPixels(info, handle.AddrOfPinnedObject());
        }
        finally
        {
            handle.Free();
        }

        if (result == SKCodecResult.IncompleteInput || result == SKCodecResult.ErrorInInput)
        {
            throw new InvalidPipelineInputException($"The {codec.EncodedFormat} image is truncated or corrupt ({result}). Pass the complete file.");
        }

        if (result != SKCodecResult.Success)
        {
            throw new InvalidPipelineInputException($"The {codec.EncodedFormat} image could not be decoded ({result}). Pass a {Formats} file.");
        }

        return new DecodedImage(size.Width, size.Height, ToRgb(rgba));
    }

    private static byte[] ToRgb(byte[] rgba)
    {
        var count = rgba.Length / 4;
        var rgb = new byte[count * 3];
        for (int i = 0, j = 0; i < rgba.Length; i += 4, j += 3)
        {
            rgb[j] = rgba[i];
            rgb[j + 1] = rgba[i + 1];
            rgb[j + 2] = rgba[i + 2];
        }

        return rgb;
    }
}
