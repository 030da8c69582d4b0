using System.Buffers;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace HfPipelines.Images;

/// <summary>
/// Decodes PNG, JPEG, WebP, BMP and GIF (first frame) with SkiaSharp into packed RGB (or RGBX). The header is read
/// first so that oversized images are refused without allocating their pixels. A JPEG or WebP much larger than its
/// resize target can be decoded at a reduced scale by the codec (see <see cref="ImageDecodeOptions.AllowReducedDecode"/>).
/// A JPEG's pixels come from the system's TurboJPEG library when it is installed (<see cref="ImageDecodeOptions.UseTurboJpeg"/>),
/// at the scale chosen from SkiaSharp's header, with SkiaSharp decoding any JPEG that TurboJPEG does not decode cleanly.
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
    public static DecodedImage Decode(ReadOnlyMemory<byte> bytes, ImageDecodeOptions options, Func<int, int, (int Width, int Height)>? resizeTarget, bool rgbx) =>
        Decode(bytes, options, resizeTarget, rgbx, pool: null, static image => image);

    /// <summary>
    /// Decodes into RGBX pixels borrowed from <paramref name="pool"/> and lends the image to <paramref name="use"/>;
    /// the buffer goes back to the pool when <paramref name="use"/> returns, so neither the image nor anything sharing its
    /// pixels may be kept past the call. Saves allocating (and the kernel zeroing) megabytes per photo.
    /// </summary>
    /// <typeparam name="T">What <paramref name="use"/> makes of the image.</typeparam>
    /// <param name="bytes">The encoded bytes.</param>
    /// <param name="options">Limits and the reduced-decode switch.</param>
    /// <param name="resizeTarget">Maps the upright full size to the resize target; null for a full-size decode.</param>
    /// <param name="use">Consumes the image.</param>
    /// <param name="pool">Where the pixel buffer comes from and goes back to.</param>
    /// <returns>What <paramref name="use"/> returned.</returns>
    /// <exception cref="InvalidPipelineInputException">Not an image, truncated, empty or too large.</exception>
    public static T DecodePooled<T>(ReadOnlyMemory<byte> bytes, ImageDecodeOptions options, Func<int, int, (int Width, int Height)>? resizeTarget, Func<DecodedImage, T> use, ArrayPool<byte> pool) =>
        Decode(bytes, options, resizeTarget, rgbx: true, pool, use);

    private static T Decode<T>(
        ReadOnlyMemory<byte> bytes, ImageDecodeOptions options, Func<int, int, (int Width, int Height)>? resizeTarget, bool rgbx, ArrayPool<byte>? pool, Func<DecodedImage, T> use)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (bytes.IsEmpty)
        {
            throw new InvalidPipelineInputException($"The image is empty (0 bytes). Pass the bytes of a {Formats} file.");
        }

        // Wrap the caller's array without copying when it is one (the codec reads it in place, pinned meanwhile).
        var pin = MemoryMarshal.TryGetArray(bytes, out var segment) ? GCHandle.Alloc(segment.Array, GCHandleType.Pinned) : default;
        byte[]? rented = null;
        try
        {
            using var data = pin.IsAllocated
                ? SKData.Create(Marshal.UnsafeAddrOfPinnedArrayElement(segment.Array!, segment.Offset), segment.Count)
                : SKData.CreateCopy(bytes.Span);
            using var codec = SKCodec.Create(data)
                ?? throw new InvalidPipelineInputException($"The input ({bytes.Length} bytes) is not a supported image. Pass a {Formats} file.");
            return use(DecodeUpright(codec, data, options, resizeTarget, rgbx, pool, out rented));
        }
        finally
        {
            if (rented is not null)
            {
                pool!.Return(rented);
            }

            if (pin.IsAllocated)
            {
                pin.Free();
            }
        }
    }

    /// <summary>Checks the declared size, decodes at the chosen scale and applies the EXIF orientation.</summary>
    private static DecodedImage DecodeUpright(
        SKCodec codec, SKData data, ImageDecodeOptions options, Func<int, int, (int Width, int Height)>? resizeTarget, bool rgbx, ArrayPool<byte>? pool, out byte[]? rented)
    {
        var info = codec.Info;
        CheckSize(info.Width, info.Height, options.MaxPixels);
        if (codec.EncodedFormat == SKEncodedImageFormat.Jpeg)
        {
            JpegDataCheck.EnsureEnoughData(data.AsSpan());
        }

        var origin = options.ApplyExifOrientation ? codec.EncodedOrigin : SKEncodedOrigin.TopLeft;
        var (size, extentW, extentH) = ChooseDecodeSize(codec, options, origin, resizeTarget);
        var turbo = options.UseTurboJpeg && codec.EncodedFormat == SKEncodedImageFormat.Jpeg ? TurboJpeg.Shared : null;
        var byTurbo = TryTurboJpeg(turbo, data, size, rgbx, pool, out rented);
        var decoded = byTurbo ?? DecodePixels(codec, ref size, rgbx, pool, out rented);
        if (size.Width == info.Width && size.Height == info.Height)
        {
            (extentW, extentH) = (info.Width, info.Height); // full size (also when the codec refused the scale)
        }

        var image = ExifOrientation.Apply(decoded, origin);
        var swap = ExifOrientation.SwapsSides(origin);
        var region = UprightRegion(image, origin, extentW, extentH);
        return image.WithSource(swap ? info.Height : info.Width, swap ? info.Width : info.Height, region, byTurbo is not null);
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
    /// Where the full-size image lies in the upright decoded pixels, given its extent in the stored (unrotated) decode:
    /// the extent starts at 0 on each stored axis, so an axis that the orientation mirrors has it at the far end.
    /// </summary>
    private static SourceRegion UprightRegion(DecodedImage image, SKEncodedOrigin origin, double extentW, double extentH)
    {
        var swap = ExifOrientation.SwapsSides(origin);
        var (x, y) = swap ? (extentH, extentW) : (extentW, extentH);
        var mirrorX = origin is SKEncodedOrigin.TopRight or SKEncodedOrigin.BottomRight or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom;
        var mirrorY = origin is SKEncodedOrigin.BottomRight or SKEncodedOrigin.BottomLeft or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (left, right) = mirrorX ? (image.Width - x, image.Width) : (0.0, x);
        var (top, bottom) = mirrorY ? (image.Height - y, image.Height) : (0.0, y);
        return new SourceRegion(left, top, right, bottom);
    }

    /// <summary>
    /// The smallest size the codec decodes to that keeps <see cref="ImageDecodeOptions.ReducedDecodeMargin"/> times the resize
    /// target on both sides (JPEG: libjpeg-turbo's k/8 DCT scaling; WebP: libwebp's area-averaging rescaler); else full size.
    /// Also returns the extent of the full-size image in the decoded pixels (stored orientation): JPEG rounds k/8 sizes up.
    /// </summary>
    private static (SKSizeI Size, double ExtentWidth, double ExtentHeight) ChooseDecodeSize(
        SKCodec codec, ImageDecodeOptions options, SKEncodedOrigin origin, Func<int, int, (int Width, int Height)>? resizeTarget)
    {
        var info = codec.Info;
        var full = (new SKSizeI(info.Width, info.Height), (double)info.Width, (double)info.Height);
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
            // libwebp's rescaler maps the whole image onto the whole output.
            var scale = Math.Max((double)needW / info.Width, (double)needH / info.Height);
            var size = new SKSizeI(Math.Max(needW, (int)Math.Ceiling(info.Width * scale)), Math.Max(needH, (int)Math.Ceiling(info.Height * scale)));
            return (size, size.Width, size.Height);
        }

        for (var eighths = 1; eighths < 8; eighths++)
        {
            var scaled = codec.GetScaledDimensions(eighths / 8f);
            if (scaled.Width >= needW && scaled.Height >= needH)
            {
                return scaled.Width < info.Width ? (scaled, info.Width * eighths / 8.0, info.Height * eighths / 8.0) : full;
            }
        }

        return full;
    }

    /// <summary>
    /// Decodes a JPEG at <paramref name="size"/> (a k/8 scale) through TurboJPEG; null when <paramref name="turbo"/> is
    /// null or TurboJPEG reports any error or warning (SkiaSharp then decodes the image, and reports the error if any).
    /// </summary>
    private static DecodedImage? TryTurboJpeg(TurboJpeg? turbo, SKData data, SKSizeI size, bool rgbx, ArrayPool<byte>? pool, out byte[]? rented)
    {
        rented = null;
        if (turbo is null)
        {
            return null;
        }

        var channels = rgbx ? 4 : 3;
        var length = checked(size.Width * size.Height * channels);
        var pixels = pool?.Rent(length) ?? GC.AllocateUninitializedArray<byte>(length);
        if (!turbo.TryDecode(data.Data, data.Size, size.Width, size.Height, pixels, channels, out _))
        {
            pool?.Return(pixels);
            return null;
        }

        rented = pool is null ? null : pixels;
        return new DecodedImage(size.Width, size.Height, pixels, channels);
    }

    /// <summary>Decodes at <paramref name="size"/> (full size when the codec refuses that scale; then <paramref name="size"/> is updated).</summary>
    private static DecodedImage DecodePixels(SKCodec codec, ref SKSizeI size, bool rgbx, ArrayPool<byte>? pool, out byte[]? rented)
    {
        var result = TryDecode(codec, size, pool, out var rgba);
        var full = new SKSizeI(codec.Info.Width, codec.Info.Height);
        if (result == SKCodecResult.InvalidScale && size != full)
        {
            pool?.Return(rgba);
            size = full;
            result = TryDecode(codec, size, pool, out rgba);
        }

        rented = pool is null ? null : rgba;
        if (result == SKCodecResult.IncompleteInput || result == SKCodecResult.ErrorInInput)
        {
            throw new InvalidPipelineInputException($"The {codec.EncodedFormat} image is truncated or corrupt ({result}). Pass the complete file.");
        }

        if (result != SKCodecResult.Success)
        {
            throw new InvalidPipelineInputException($"The {codec.EncodedFormat} image could not be decoded ({result}). Pass a {Formats} file.");
        }

        return rgbx ? new DecodedImage(size.Width, size.Height, rgba, 4) : new DecodedImage(size.Width, size.Height, ToRgb(rgba, size.Width * size.Height), 3);
    }

    private static SKCodecResult TryDecode(SKCodec codec, SKSizeI size, ArrayPool<byte>? pool, out byte[] rgba)
    {
        // JPEG, PNG and WebP write every pixel of a successful decode: no need to clear the buffer. A GIF frame may cover
        // only part of the canvas.
        var length = checked(size.Width * size.Height * 4);
        var writesAll = codec.EncodedFormat is SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp;
        rgba = pool?.Rent(length) ?? GC.AllocateUninitializedArray<byte>(length);
        if (!writesAll)
        {
            rgba.AsSpan(0, length).Clear();
        }

        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            return codec.GetPixels(info, handle.AddrOfPinnedObject());
        }
        finally
        {
            handle.Free();
        }
    }

    private static byte[] ToRgb(byte[] rgba, int count)
    {
        var rgb = new byte[count * 3];
        for (int i = 0, j = 0; j < rgb.Length; i += 4, j += 3)
        {
            rgb[j] = rgba[i];
            rgb[j + 1] = rgba[i + 1];
            rgb[j + 2] = rgba[i + 2];
        }

        return rgb;
    }
}
