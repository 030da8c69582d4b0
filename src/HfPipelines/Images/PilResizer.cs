using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HfPipelines.Images;

/// <summary>
/// A separable, anti-aliased resize of 8-bit RGB / RGBX that reproduces Pillow's <c>Image.resize</c>
/// (ImagingResample: support scaled by the reduction factor, weights normalised, 22-bit fixed point,
/// horizontal pass then vertical pass, each rounded and clipped to 8 bits), so results match the
/// Python image processors byte for byte. The passes use 32-bit integer SIMD (the same sums as Pillow's
/// C loops), and only the wanted window of the result is computed (the centre crop of a preprocessor):
/// each output pixel depends only on the input, so the window is identical to a crop of the full result.
/// Thread-safe (stateless).
/// </summary>
internal static class PilResizer
{
    private const int PrecisionBits = ResampleCoefficients.PrecisionBits;
    private const int Half = 1 << (PrecisionBits - 1);

    /// <summary>Resizes an image.</summary>
    /// <param name="image">The source.</param>
    /// <param name="width">Target width.</param>
    /// <param name="height">Target height.</param>
    /// <param name="filter">The filter.</param>
    /// <returns>The resized image (the source itself when the size is unchanged).</returns>
    public static DecodedImage Resize(DecodedImage image, int width, int height, ImageResampling filter) =>
        Resize(image, width, height, filter, new PixelWindow(0, 0, width, height));

    /// <summary>
    /// Resizes an image's <see cref="DecodedImage.Region"/> (the whole image unless it was decoded at reduced scale) and
    /// returns only a window of the result (the same bytes as resizing, then cropping).
    /// </summary>
    /// <param name="image">The source.</param>
    /// <param name="width">Target width of the whole result.</param>
    /// <param name="height">Target height of the whole result.</param>
    /// <param name="filter">The filter.</param>
    /// <param name="window">The part of the <paramref name="width"/> x <paramref name="height"/> result wanted; must lie inside it.</param>
    /// <returns>The window of the resized image (the source itself when nothing changes).</returns>
    public static DecodedImage Resize(DecodedImage image, int width, int height, ImageResampling filter, PixelWindow window)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (window.Left < 0 || window.Top < 0 || window.Width < 1 || window.Height < 1 || window.Right > width || window.Bottom > height)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, $"The window must lie inside the {width}x{height} result.");
        }

        // Pillow's need_horizontal / need_vertical: a pass runs when the size changes or the box is not the whole side.
        var box = image.Region;
        var horizontal = width != image.Width || box.Left != 0 || box.Right != image.Width;
        var vertical = height != image.Height || box.Top != 0 || box.Bottom != image.Height;
        if (!horizontal && !vertical)
        {
            return Crop(image, window);
        }

        if (filter == ImageResampling.Nearest)
        {
            return ResizeNearest(image, width, height, window);
        }

        // The vertical pass reads only the source rows its window rows need; the horizontal pass makes just those.
        var cy = vertical ? ResampleCoefficients.Compute(image.Height, box.Top, box.Bottom, height, window.Top, window.Height, filter) : null;
        var (rowStart, rowEnd) = cy?.InputRange ?? (window.Top, window.Bottom);
        var rows = horizontal
            ? Horizontal(image, rowStart, rowEnd - rowStart, ResampleCoefficients.Compute(image.Width, box.Left, box.Right, width, window.Left, window.Width, filter))
            : Crop(image, new PixelWindow(window.Left, rowStart, window.Width, rowEnd - rowStart));
        return cy is null ? rows : Vertical(rows, rowStart, cy);
    }

    private static DecodedImage Crop(DecodedImage image, PixelWindow window)
    {
        if (window.Width == image.Width && window.Height == image.Height)
        {
            return image;
        }

        var c = image.Channels;
        var dst = new byte[window.Width * window.Height * c];
        for (var y = 0; y < window.Height; y++)
        {
            image.Pixels.AsSpan((((window.Top + y) * image.Width) + window.Left) * c, window.Width * c).CopyTo(dst.AsSpan(y * window.Width * c));
        }

        return new DecodedImage(window.Width, window.Height, dst, c);
    }

    private static DecodedImage Horizontal(DecodedImage src, int rowStart, int rowCount, ResampleCoefficients cx)
    {
        var c = src.Channels;
        var inStride = src.Width * c;
        var outStride = cx.Count * c;
        var dst = new byte[rowCount * outStride];
        for (var y = 0; y < rowCount; y++)
        {
            var inRow = src.Pixels.AsSpan((rowStart + y) * inStride, inStride);
            var outRow = dst.AsSpan(y * outStride, outStride);
            if (Vector128.IsHardwareAccelerated)
            {
                HorizontalRowVector(inRow, outRow, cx, c);
            }
            else
            {
                HorizontalRowScalar(inRow, outRow, cx, c);
            }
        }

        return new DecodedImage(cx.Count, rowCount, dst, c);
    }

    /// <summary>One row: the channels of a pixel share one vector of four 32-bit sums (Pillow's ss0..ss3).</summary>
    private static void HorizontalRowVector(ReadOnlySpan<byte> inRow, Span<byte> outRow, ResampleCoefficients cx, int c)
    {
        ref var src = ref MemoryMarshal.GetReference(inRow);
        ref var weights = ref MemoryMarshal.GetArrayDataReference(cx.Weights);
        var bounds = cx.Bounds;
        for (var xx = 0; xx < cx.Count; xx++)
        {
            var first = bounds[xx * 2] * c;
            var taps = bounds[(xx * 2) + 1];
            ref var w = ref Unsafe.Add(ref weights, xx * cx.Kernel);
            var acc = Vector128.Create(Half);
            var x = 0;
            if (c == 4 && Vector256.IsHardwareAccelerated)
            {
                // Two RGBX taps per step: 8 bytes widened to 8 sums, the halves added at the end (integer sums, same result).
                var pair = Vector256<int>.Zero;
                for (; x + 1 < taps; x += 2)
                {
                    var pixels = WidenTwo(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, first + (x * 4))));
                    pair += pixels * Vector256.Create(Vector128.Create(Unsafe.Add(ref w, x)), Vector128.Create(Unsafe.Add(ref w, x + 1)));
                }

                acc += pair.GetLower() + pair.GetUpper();
            }

            for (; x < taps; x++)
            {
                var offset = first + (x * c);
                var pixel = c == 4 || offset + 4 <= inRow.Length
                    ? Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref src, offset))
                    : inRow[offset] | ((uint)inRow[offset + 1] << 8) | ((uint)inRow[offset + 2] << 16);
                acc += Widen(pixel) * Vector128.Create(Unsafe.Add(ref w, x));
            }

            var packed = Pack(acc);
            var o = xx * c;
            if (c == 4)
            {
                Unsafe.WriteUnaligned(ref outRow[o], packed);
            }
            else
            {
                outRow[o] = (byte)packed;
                outRow[o + 1] = (byte)(packed >> 8);
                outRow[o + 2] = (byte)(packed >> 16);
            }
        }
    }

    private static void HorizontalRowScalar(ReadOnlySpan<byte> inRow, Span<byte> outRow, ResampleCoefficients cx, int c)
    {
        for (var xx = 0; xx < cx.Count; xx++)
        {
            var first = cx.Bounds[xx * 2];
            var taps = cx.Bounds[(xx * 2) + 1];
            var w = cx.Weights.AsSpan(xx * cx.Kernel, taps);
            for (var ch = 0; ch < c; ch++)
            {
                var acc = Half;
                for (var x = 0; x < taps; x++)
                {
                    acc += inRow[((first + x) * c) + ch] * w[x];
                }

                outRow[(xx * c) + ch] = Clip8(acc);
            }
        }
    }

    private static DecodedImage Vertical(DecodedImage src, int rowStart, ResampleCoefficients cy)
    {
        var stride = src.Width * src.Channels;
        var dst = new byte[cy.Count * stride];
        for (var yy = 0; yy < cy.Count; yy++)
        {
            var first = cy.Bounds[yy * 2] - rowStart;
            var taps = cy.Bounds[(yy * 2) + 1];
            VerticalRow(src.Pixels.AsSpan(first * stride, taps * stride), stride, cy.Weights.AsSpan(yy * cy.Kernel, taps), dst.AsSpan(yy * stride, stride));
        }

        return new DecodedImage(src.Width, cy.Count, dst, src.Channels);
    }

    /// <summary>One output row from <c>weights.Length</c> input rows, 16 bytes at a time (four vectors of 32-bit sums).</summary>
    private static void VerticalRow(ReadOnlySpan<byte> rows, int stride, ReadOnlySpan<int> weights, Span<byte> outRow)
    {
        ref var src = ref MemoryMarshal.GetReference(rows);
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 16 <= stride; i += 16)
            {
                Vector128<int> a0 = Vector128.Create(Half), a1 = a0, a2 = a0, a3 = a0;
                for (var y = 0; y < weights.Length; y++)
                {
                    var (lo, hi) = Vector128.Widen(Vector128.LoadUnsafe(ref src, (nuint)((y * stride) + i)));
                    var (l0, l1) = Vector128.Widen(lo);
                    var (h0, h1) = Vector128.Widen(hi);
                    var w = Vector128.Create(weights[y]);
                    a0 += l0.AsInt32() * w;
                    a1 += l1.AsInt32() * w;
                    a2 += h0.AsInt32() * w;
                    a3 += h1.AsInt32() * w;
                }

                Vector128.Narrow(Vector128.Narrow(Clamp(a0), Clamp(a1)), Vector128.Narrow(Clamp(a2), Clamp(a3))).StoreUnsafe(ref outRow[i]);
            }
        }

        for (; i < stride; i++)
        {
            var acc = Half;
            for (var y = 0; y < weights.Length; y++)
            {
                acc += rows[(y * stride) + i] * weights[y];
            }

            outRow[i] = Clip8(acc);
        }
    }

    private static DecodedImage ResizeNearest(DecodedImage src, int width, int height, PixelWindow window)
    {
        var c = src.Channels;
        var box = src.Region;
        var dst = new byte[window.Width * window.Height * c];
        var sx = (box.Right - box.Left) / width;
        var sy = (box.Bottom - box.Top) / height;
        for (var y = 0; y < window.Height; y++)
        {
            var srcY = Math.Min((int)(box.Top + ((window.Top + y + 0.5) * sy)), src.Height - 1);
            for (var x = 0; x < window.Width; x++)
            {
                var srcX = Math.Min((int)(box.Left + ((window.Left + x + 0.5) * sx)), src.Width - 1);
                Array.Copy(src.Pixels, ((srcY * src.Width) + srcX) * c, dst, ((y * window.Width) + x) * c, c);
            }
        }

        return new DecodedImage(window.Width, window.Height, dst, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Widen(uint fourBytes) =>
        Vector128.WidenLower(Vector128.WidenLower(Vector128.CreateScalarUnsafe(fourBytes).AsByte())).AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> WidenTwo(ulong eightBytes) =>
        Vector256.WidenLower(Vector128.WidenLower(Vector128.CreateScalarUnsafe(eightBytes).AsByte()).ToVector256Unsafe()).AsInt32();

    /// <summary>Shifts out the fraction, clips to 0..255 and returns the four bytes packed (Pillow's clip8 per channel).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Pack(Vector128<int> acc)
    {
        var words = Vector128.Narrow(Clamp(acc), Clamp(acc));
        return Vector128.Narrow(words, words).AsUInt32().ToScalar();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> Clamp(Vector128<int> acc) =>
        Vector128.Min(Vector128.Max(Vector128.ShiftRightArithmetic(acc, PrecisionBits), Vector128<int>.Zero), Vector128.Create(255)).AsUInt32();

    private static byte Clip8(int value)
    {
        var v = value >> PrecisionBits;
        return v < 0 ? (byte)0 : v > 255 ? (byte)255 : (byte)v;
    }
}
