using SkiaSharp;

namespace HfPipelines.Images;

/// <summary>Applies an EXIF orientation to decoded pixels, as PIL's <c>ImageOps.exif_transpose</c> does.</summary>
internal static class ExifOrientation
{
    /// <summary>Whether the orientation swaps width and height (a quarter turn).</summary>
    /// <param name="origin">The EXIF orientation.</param>
    /// <returns>True for the four transposing orientations.</returns>
    public static bool SwapsSides(SKEncodedOrigin origin) => origin is >= SKEncodedOrigin.LeftTop and <= SKEncodedOrigin.LeftBottom;

    /// <summary>Rotates or flips the image so that it displays upright.</summary>
    /// <param name="image">The decoded image, as stored.</param>
    /// <param name="origin">The EXIF orientation.</param>
    /// <returns>The upright image (the same instance for <see cref="SKEncodedOrigin.TopLeft"/>).</returns>
    public static DecodedImage Apply(DecodedImage image, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or < SKEncodedOrigin.TopLeft or > SKEncodedOrigin.LeftBottom)
        {
            return image;
        }

        int w = image.Width, h = image.Height;
        var swaps = SwapsSides(origin);
        var (outW, outH) = swaps ? (h, w) : (w, h);
        var c = image.Channels;
        var dst = new byte[w * h * c];
        for (var y = 0; y < outH; y++)
        {
            for (var x = 0; x < outW; x++)
            {
                var (sx, sy) = origin switch
                {
                    SKEncodedOrigin.TopRight => (w - 1 - x, y),
                    SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y),
                    SKEncodedOrigin.BottomLeft => (x, h - 1 - y),
                    SKEncodedOrigin.LeftTop => (y, x),
                    SKEncodedOrigin.RightTop => (y, h - 1 - x),
                    SKEncodedOrigin.RightBottom => (w - 1 - y, h - 1 - x),
                    _ => (w - 1 - y, x), // LeftBottom
                };
                Array.Copy(image.Pixels, ((sy * w) + sx) * c, dst, ((y * outW) + x) * c, c);
            }
        }

        return new DecodedImage(outW, outH, dst, c);
    }
}
