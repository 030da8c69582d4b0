namespace HfPipelines.Images;

/// <summary>
/// The fixed-point filter weights of one resize direction, exactly as Pillow computes them
/// (<c>precompute_coeffs</c> + <c>normalize_coeffs_8bpc</c> in Resample.c), for a range of output positions.
/// </summary>
internal sealed class ResampleCoefficients
{
    /// <summary>Fractional bits of a weight (Pillow's PRECISION_BITS).</summary>
    public const int PrecisionBits = 32 - 8 - 2;

    private ResampleCoefficients(int[] bounds, int[] weights, int kernel)
    {
        Bounds = bounds;
        Weights = weights;
        Kernel = kernel;
    }

    /// <summary>Per output position: the first input index and the number of taps (pairs).</summary>
    public int[] Bounds { get; }

    /// <summary>Per output position: <see cref="Kernel"/> weights (only the first taps are used).</summary>
    public int[] Weights { get; }

    /// <summary>The stride of <see cref="Weights"/> per output position.</summary>
    public int Kernel { get; }

    /// <summary>How many output positions.</summary>
    public int Count => Bounds.Length / 2;

    /// <summary>The input positions the outputs read: first and one past the last.</summary>
    public (int Start, int End) InputRange
    {
        get
        {
            int start = int.MaxValue, end = 0;
            for (var i = 0; i < Count; i++)
            {
                start = Math.Min(start, Bounds[i * 2]);
                end = Math.Max(end, Bounds[i * 2] + Bounds[(i * 2) + 1]);
            }

            return (start, end);
        }
    }

    /// <summary>Computes the weights of outputs <paramref name="first"/> .. <paramref name="first"/> + <paramref name="count"/> - 1.</summary>
    /// <param name="inSize">Input length.</param>
    /// <param name="in0">Start of the input span resized (Pillow's box; 0 for the whole input).</param>
    /// <param name="in1">End of the input span resized (<paramref name="inSize"/> for the whole input).</param>
    /// <param name="outSize">Output length of the whole resize.</param>
    /// <param name="first">The first output position wanted.</param>
    /// <param name="count">How many output positions.</param>
    /// <param name="filter">The filter (not nearest).</param>
    /// <returns>The coefficients.</returns>
    public static ResampleCoefficients Compute(int inSize, double in0, double in1, int outSize, int first, int count, ImageResampling filter)
    {
        var (baseSupport, function) = FilterOf(filter);
        var scale = (in1 - in0) / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = baseSupport * filterScale;
        var kernel = ((int)Math.Ceiling(support) * 2) + 1;
        var bounds = new int[count * 2];
        var weights = new int[count * kernel];
        var k = new double[kernel];
        var ss = 1.0 / filterScale;
        for (var i = 0; i < count; i++)
        {
            var center = in0 + ((first + i + 0.5) * scale);
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
                weights[(i * kernel) + x] = (int)(w < 0 ? Math.Truncate(-0.5 + scaled) : Math.Truncate(0.5 + scaled));
            }

            bounds[i * 2] = xmin;
            bounds[(i * 2) + 1] = xmax;
        }

        return new ResampleCoefficients(bounds, weights, kernel);
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
            return ((((a + 2.0) * x) - (a + 3.0)) * x * x) + 1;
        }

        return x < 2.0 ? ((((((x - 5) * x) + 8) * x) - 4) * a) : 0.0;
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
}
