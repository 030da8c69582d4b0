using System.Runtime.InteropServices;
using SkiaSharp;

namespace HfPipelines.Images;

/// <summary>
/// Decodes PNG, JPEG, WebP, BMP and GIF (first frame) with SkiaSharp into packed RGB (or RGBX). The header is read
/// first so that oversized images are refused without allocating their pixels. A JPEG or WebP much larger than its
/// resize target can be decoded at a reduced scale by the codec (see <see cref="ImageDecodeOptions.AllowReducedDecode"/>).
/// Thread-safe (stateless).
/// </summary>
internal static class ImageDecoder
{
    private const string Formats = "PNG, JPEG, WebP, BMP or GIF";

    /// <summary>Decodes an encoded image at full size into packed RGB.</summary>
    /// <param name="bytes">The encoded bytes.</param>
    /// <param name="options">Limits.</param>
    /// <returns>The RGB pixels.</returns>
    /// <exception cref="InvalidPipelineInputException">Not an image, truncated, empty or too large.</exception>
    public static DecodedImage Decode(ReadOnlyMemory<byte> bytes, ImageDecodeOptions options) => Decode(bytes, options, null, rgbx: false);

    /// <summary>Decodes an encoded image, at a reduced scale when the options allow it and the target is much smaller.</summary>
    /// <param name="bytes">The encoded bytes.</param>
    /// <param name="options">Limits and the reduced-decode switch.</param>
    /// <param name="resizeTarget">
    /// Maps the upright full size (width, height) to the size the image will be resized to; null when unknown (full-size decode).
    /// </param>
    /// <param name="rgbx">True to keep 4 bytes per pixel (RGBX, alpha ignored), saving the repacking pass; false for RGB.</param>
    /// <returns>The pixels; <see cref="DecodedImage.SourceWidth"/> and <see cref="DecodedImage.SourceHeight"/> give the full size.</returns>
    /// <exception cref="InvalidPipelineInputException">Not an image, truncated, empty or too large.</exception>
    public static DecodedImage Decode(ReadOnlyMemory<byte> bytes, ImageDecodeOptions options, Func<int, int, (int Width, int Height)>? resizeTarget, bool rgbx)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (bytes.IsEmpty)
        {
            throw new InvalidPipelineInputException($"The image is empty (0 bytes). Pass the bytes of a {Formats} file.");
        }

        // Wrap the caller's array without copying when it is one (the codec reads it in place, pinned meanwhile).
        var pin = MemoryMarshal.TryGetArray(bytes, out var segment) ? GCHandle.Alloc(segment.Array, GCHandleType.Pinned) : default;
        try
        {
            using var data = pin.IsAllocated
                ? SKData.Create(Marshal.UnsafeAddrOfPinnedArrayElement(segment.Array!, segment.Offset), segment.Count)
                : SKData.CreateCopy(bytes.Span);
            using var codec = SKCodec.Create(data)
                ?? throw new InvalidPipelineInputException($"The input ({bytes.Length} bytes) is not a supported image. Pass a {Formats} file.");
            var info = codec.Info;
            CheckSize(info.Width, info.Height, options.MaxPixels);
            var origin = options.ApplyExifOrientation ? codec.EncodedOrigin : SKEncodedOrigin.TopLeft;
            var image = DecodePixels(codec, ChooseDecodeSize(codec, options, origin, resizeTarget), rgbx);
            image = ExifOrientation.Apply(image, origin);
            var swap = ExifOrientation.SwapsSides(origin);
            return image.WithSource(swap ? info.Height : info.Width, swap ? info.Width : info.Height);
        }
        finally
        {
            if (pin.IsAllocated)
            {
                pin.Free();
            }
        }
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

    /// <summary>
    /// The smallest size the codec decodes to that keeps <see cref="ImageDecodeOptions.ReducedDecodeMargin"/> times the resize
    /// target on both sides (JPEG: libjpeg-turbo's k/8 DCT scaling; WebP: libwebp's area-averaging rescaler); else full size.
    /// </summary>
    private static SKSizeI ChooseDecodeSize(SKCodec codec, ImageDecodeOptions options, SKEncodedOrigin origin, Func<int, int, (int Width, int Height)>? resizeTarget)
    {
        var info = codec.Info;
        var full = new SKSizeI(info.Width, info.Height);
        var format = codec.EncodedFormat;
        if (!options.AllowReducedDecode || resizeTarget is null || format is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Webp))
        {
            return full;
        }

        // The target is for the upright image; the codec decodes the stored one.
        var swap = ExifOrientation.SwapsSides(origin);
        var (targetW, targetH) = swap ? resizeTarget(info.Height, info.Width) : resizeTarget(info.Width, info.Height);
        if (swap)
        {
            (targetW, targetH) = (targetH, targetW);
        }

        var needW = (int)Math.Ceiling(targetW * options.ReducedDecodeMargin);
        var needH = (int)Math.Ceiling(targetH * options.ReducedDecodeMargin);
        if (needW >= info.Width || needH >= info.Height)
        {
            return full;
        }

        if (format == SKEncodedImageFormat.Webp)
        {
            var scale = Math.Max((double)needW / info.Width, (double)needH / info.Height);
            return new SKSizeI(Math.Max(needW, (int)Math.Ceiling(info.Width * scale)), Math.Max(needH, (int)Math.Ceiling(info.Height * scale)));
        }

        for (var eighths = 1; eighths < 8; eighths++)
        {
            var scaled = codec.GetScaledDimensions(eighths / 8f);
            if (scaled.Width >= needW && scaled.Height >= needH)
            {
                return scaled.Width < info.Width ? scaled : full;
            }
        }

        return full;
    }

    private static DecodedImage DecodePixels(SKCodec codec, SKSizeI size, bool rgbx)
    {
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        // JPEG, PNG and WebP write every pixel of a successful decode: skip zeroing. A GIF frame may cover only part of the canvas.
        var length = checked(size.Width * size.Height * 4);
        var rgba = codec.EncodedFormat is SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp
            ? GC.AllocateUninitializedArray<byte>(length, pinned: true)
            : GC.AllocateArray<byte>(length, pinned: true);
        var result = codec.GetPixels(info, Marshal.UnsafeAddrOfPinnedArrayElement(rgba, 0));
        if (result == SKCodecResult.InvalidScale && (size.Width != codec.Info.Width || size.Height != codec.Info.Height))
        {
            return DecodePixels(codec, new SKSizeI(codec.Info.Width, codec.Info.Height), rgbx);
        }

        if (result == SKCodecResult.IncompleteInput || result == SKCodecResult.ErrorInInput)
        {
            throw new InvalidPipelineInputException($"The {codec.EncodedFormat} image is truncated or corrupt ({result}). Pass the complete file.");
        }

        if (result != SKCodecResult.Success)
        {
            throw new InvalidPipelineInputException($"The {codec.EncodedFormat} image could not be decoded ({result}). Pass a {Formats} file.");
        }

        return rgbx ? new DecodedImage(size.Width, size.Height, rgba, 4) : new DecodedImage(size.Width, size.Height, ToRgb(rgba), 3);
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
