using HfPipelines.Images;

namespace HfPipelines.Tests.Images;

/// <summary>
/// A plain transcription of Pillow's ImagingResample (Resample.c: precompute_coeffs, normalize_coeffs_8bpc,
/// ImagingResampleHorizontal_8bpc / Vertical_8bpc) over packed 3- or 4-byte pixels, with no SIMD and no window:
/// the oracle the fast <see cref="PilResizer"/> must match byte for byte.
/// </summary>
internal static class ReferencePilResize
{
    private const int PrecisionBits = 22;

    public static byte[] Resize(byte[] src, int width, int height, int channels, int outWidth, int outHeight, ImageResampling filter) =>
        Resize(src, width, height, channels, outWidth, outHeight, filter, (0, 0, width, height));

    /// <summary>Pillow's <c>resize(size, resample, box)</c>: the box (left, top, right, bottom) of the source is resized.</summary>
    public static byte[] Resize(byte[] src, int width, int height, int channels, int outWidth, int outHeight, ImageResampling filter, (double Left, double Top, double Right, double Bottom) box)
    {
        var current = src;
        var currentWidth = width;
        if (outWidth != width || box.Left != 0 || box.Right != width)
        {
            var (bounds, weights, kernel) = Coefficients(width, box.Left, box.Right, outWidth, filter);
            var dst = new byte[outWidth * height * channels];
            for (var y = 0; y < height; y++)
            {
                for (var xx = 0; xx < outWidth; xx++)
                {
                    for (var c = 0; c < channels; c++)
                    {
                        long acc = 1 << (PrecisionBits - 1);
                        for (var x = 0; x < bounds[(xx * 2) + 1]; x++)
                        {
                            acc += current[(((y * width) + bounds[xx * 2] + x) * channels) + c] * (long)weights[(xx * kernel) + x];
                        }

                        dst[(((y * outWidth) + xx) * channels) + c] = Clip8(acc);
                    }
                }
            }

            current = dst;
            currentWidth = outWidth;
        }

        if (outHeight != height || box.Top != 0 || box.Bottom != height)
        {
            var (bounds, weights, kernel) = Coefficients(height, box.Top, box.Bottom, outHeight, filter);
            var stride = currentWidth * channels;
            var dst = new byte[stride * outHeight];
            for (var yy = 0; yy < outHeight; yy++)
            {
                for (var i = 0; i < stride; i++)
                {
                    long acc = 1 << (PrecisionBits - 1);
                    for (var y = 0; y < bounds[(yy * 2) + 1]; y++)
                    {
                        acc += current[((bounds[yy * 2] + y) * stride) + i] * (long)weights[(yy * kernel) + y];
                    }

                    dst[(yy * stride) + i] = Clip8(acc);
                }
            }

            current = dst;
        }

        return current;
    }

    private static (int[] Bounds, int[] Weights, int Kernel) Coefficients(int inSize, double in0, double in1, int outSize, ImageResampling filter)
    {
        var (support0, f) = filter switch
        {
            ImageResampling.Box => (0.5, (Func<double, double>)(x => x > -0.5 && x <= 0.5 ? 1.0 : 0.0)),
            ImageResampling.Bilinear => (1.0, x => Math.Abs(x) < 1.0 ? 1.0 - Math.Abs(x) : 0.0),
            ImageResampling.Hamming => (1.0, x => x == 0.0 ? 1.0 : Math.Abs(x) >= 1.0 ? 0.0 : Math.Sin(Math.Abs(x) * Math.PI) / (Math.Abs(x) * Math.PI) * (0.54 + (0.46 * Math.Cos(Math.Abs(x) * Math.PI)))),
            ImageResampling.Bicubic => (2.0, Bicubic),
            _ => (3.0, x => -3.0 <= x && x < 3.0 ? Sinc(x) * Sinc(x / 3.0) : 0.0),
        };
        var scale = (in1 - in0) / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = support0 * filterScale;
        var kernel = ((int)Math.Ceiling(support) * 2) + 1;
        var bounds = new int[outSize * 2];
        var weights = new int[outSize * kernel];
        var k = new double[kernel];
        var ss = 1.0 / filterScale;
        for (var xx = 0; xx < outSize; xx++)
        {
            var center = in0 + ((xx + 0.5) * scale);
            var xmin = Math.Max((int)(center - support + 0.5), 0);
            var xmax = Math.Min((int)(center + support + 0.5), inSize) - xmin;
            var sum = 0.0;
            for (var x = 0; x < xmax; x++)
            {
                k[x] = f((x + xmin - center + 0.5) * ss);
                sum += k[x];
            }

            for (var x = 0; x < xmax; x++)
            {
                var w = sum != 0.0 ? k[x] / sum : k[x];
                weights[(xx * kernel) + x] = (int)(w < 0 ? -0.5 + (w * (1 << PrecisionBits)) : 0.5 + (w * (1 << PrecisionBits)));
            }

            bounds[xx * 2] = xmin;
            bounds[(xx * 2) + 1] = xmax;
        }

        return (bounds, weights, kernel);
    }

    private static double Bicubic(double x)
    {
        const double a = -0.5;
        x = Math.Abs(x);
        return x < 1.0 ? ((((a + 2.0) * x) - (a + 3.0)) * x * x) + 1 : x < 2.0 ? ((((((x - 5) * x) + 8) * x) - 4) * a) : 0.0;
    }

    private static double Sinc(double x) => x == 0.0 ? 1.0 : Math.Sin(x * Math.PI) / (x * Math.PI);

    private static byte Clip8(long value)
    {
        var v = value >> PrecisionBits;
        return v < 0 ? (byte)0 : v > 255 ? (byte)255 : (byte)v;
    }
}
