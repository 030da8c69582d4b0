namespace HfPipelines.Images;

/// <summary>
/// A separable, anti-aliased resize of 8-bit RGB that reproduces Pillow's <c>Image.resize</c>
/// (ImagingResample: support scaled by the reduction factor, weights normalised, 22-bit fixed point,
/// horizontal pass then vertical pass, each rounded and clipped to 8 bits), so results match the
/// Python image processors. Thread-safe (stateless).
/// </summary>
internal static class PilResizer
{
    private const int PrecisionBits = 32 - 8 - 2;

    /// <summary>Resizes an image.</summary>
    /// <param name="image">The source.</param>
    /// <param name="width">Target width.</param>
    /// <param name="height">Target height.</param>
    /// <param name="filter">The filter.</param>
    /// <returns>The resized image (the source itself when the size is unchanged).</returns>
    public static DecodedImage Resize(DecodedImage image, int width, int height, ImageResampling filter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (width == image.Width && height == image.Height)
        {
            return image;
        }

        if (filter == ImageResampling.Nearest)
        {
            return ResizeNearest(image, width, height);
        }

        var current = image;
        if (width != image.Width)
        {
            var (bounds, weights, kernel) = Coefficients(image.Width, width, filter);
            current = Horizontal(current, width, bounds, weights, kernel);
        }

        if (height != image.Height)
        {
            var (bounds, weights, kernel) = Coefficients(image.Height, height, filter);
            current = Vertical(current, height, bounds, weights, kernel);
        }

        return current;
    }

    private static (double Support, Func<double, double> Filter) FilterOf(ImageResampling filter) => filter switch
    {
        ImageResampling.Box => (0.5, x => x > -0.5 && x <= 0.5 ? 1.0 : 0.0),
        ImageResampling.Bilinear => (1.0, x => Math.Abs(x) < 1.0 ? 1.0 - Math.Abs(x) : 0.0),
        ImageResampling.Hamming => (1.0, Hamming),
        ImageResampling.Bicubic => (2.0, Bicubic),
        ImageResampling.Lanczos => (3.0, x => -3.0 <= x && x < 3.0 ? Sinc(x) * Sinc(x / 3.0) : 0.0),
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "Unknown resampling filter."),
    };

    private static double Bicubic(double x)
    {
        const double a = -0.5;
        x = Math.Abs(x);
        if (x < 1.0)
        {
            return (((a + 2.0) * x) - (a + 3.0)) * x * x + 1;
        }

        return x < 2.0 ? ((((x - 5) * x) + 8) * x - 4) * a : 0.0;
    }

    private static double Hamming(double x)
    {
        x = Math.Abs(x);
        if (x == 0.0)
        {
            return 1.0;
        }

        return x >= 1.0 ? 0.0 : Math.Sin(x * Math.PI) / (x * Math.PI) * (0.54 + (0.46 * Math.Cos(x * Math.PI)));
    }

    private static double Sinc(double x) => x == 0.0 ? 1.0 : Math.Sin(x * Math.PI) / (x * Math.PI);

    /// <summary>PIL's precompute_coeffs + normalize_coeffs_8bpc.</summary>
    private static (int[] Bounds, int[] Weights, int Kernel) Coefficients(int inSize, int outSize, ImageResampling filter)
    {
        var (baseSupport, function) = FilterOf(filter);
        var scale = (double)inSize / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = baseSupport * filterScale;
        var kernel = (int)Math.Ceiling(support) * 2 + 1;
        var bounds = new int[outSize * 2];
        var weights = new int[outSize * kernel];
        var k = new double[kernel];
        for (var xx = 0; xx < outSize; xx++)
        {
            var center = (xx + 0.5) * scale;
            var ss = 1.0 / filterScale;
            var xmin = Math.Max((int)(center - support + 0.5), 0);
            var xmax = Math.Min((int)(center + support + 0.5), inSize) - xmin;
            var sum = 0.0;
            for (var x = 0; x < xmax; x++)
            {
                k[x] = function((x + xmin - center + 0.5) * ss);
                sum += k[x];
            }

            for (var x = 0; x < xmax; x++)
            {
                var w = sum != 0.0 ? k[x] / sum : k[x];
                var scaled = w * (1 << PrecisionBits);
                weights[(xx * kernel) + x] = (int)(w < 0 ? Math.Truncate(-0.5 + scaled) : Math.Truncate(0.5 + scaled));
            }

            bounds[xx * 2] = xmin;
            bounds[(xx * 2) + 1] = xmax;
        }

        return (bounds, weights, kernel);
    }

    private static byte Clip8(long value)
    {
        var v = value >> PrecisionBits;
        return v < 0 ? (byte)0 : v > 255 ? (byte)255 : (byte)v;
    }

    private static DecodedImage Horizontal(DecodedImage src, int outWidth, int[] bounds, int[] weights, int kernel)
    {
        var dst = new byte[outWidth * src.Height * 3];
        var rgb = src.Rgb;
        Parallel.For(0, src.Height, y =>
        {
            var row = y * src.Width * 3;
            var outRow = y * outWidth * 3;
            for (var xx = 0; xx < outWidth; xx++)
            {
                var xmin = bounds[xx * 2];
                var count = bounds[(xx * 2) + 1];
                long r = 1 << (PrecisionBits - 1), g = r, b = r;
                for (var x = 0; x < count; x++)
                {
                    long w = weights[(xx * kernel) + x];
                    var p = row + ((xmin + x) * 3);
                    r += rgb[p] * w;
                    g += rgb[p + 1] * w;
                    b += rgb[p + 2] * w;
                }

                var o = outRow + (xx * 3);
                dst[o] = Clip8(r);
                dst[o + 1] = Clip8(g);
                dst[o + 2] = Clip8(b);
            }
        });
        return new DecodedImage(outWidth, src.Height, dst);
    }

    private static DecodedImage Vertical(DecodedImage src, int outHeight, int[] bounds, int[] weights, int kernel)
    {
        var stride = src.Width * 3;
        var dst = new byte[stride * outHeight];
        var rgb = src.Rgb;
        Parallel.For(0, outHeight, yy =>
        {
            var ymin = bounds[yy * 2];
            var count = bounds[(yy * 2) + 1];
            for (var i = 0; i < stride; i++)
            {
                long acc = 1 << (PrecisionBits - 1);
                for (var y = 0; y < count; y++)
                {
                    acc += rgb[((ymin + y) * stride) + i] * (long)weights[(yy * kernel) + y];
                }

                dst[(yy * stride) + i] = Clip8(acc);
            }
        });
        return new DecodedImage(src.Width, outHeight, dst);
    }

    private static DecodedImage ResizeNearest(DecodedImage src, int width, int height)
    {
        var dst = new byte[width * height * 3];
        var sx = (double)src.Width / width;
        var sy = (double)src.Height / height;
        for (var y = 0; y < height; y++)
        {
            var srcY = Math.Min((int)((y + 0.5) * sy), src.Height - 1);
            for (var x = 0; x < width; x++)
            {
                var srcX = Math.Min((int)((x + 0.5) * sx), src.Width - 1);
                Array.Copy(src.Rgb, ((srcY * src.Width) + srcX) * 3, dst, ((y * width) + x) * 3, 3);
            }
        }

        return new DecodedImage(width, height, dst);
    }
}
