using CsCheck;
using HfPipelines.Images;
using HfPipelines.Testing;
using Xunit.Abstractions;

namespace HfPipelines.Tests.Images;

/// <summary>
/// Truncated and corrupted JPEGs through the TurboJPEG path end as they do through SkiaSharp alone: the same pixels, or
/// the same <see cref="InvalidPipelineInputException"/>; never another exception or a crash. The cases are the fixed
/// ones of <see cref="Fuzz"/> (HFP_FUZZ_RANDOM=1 explores).
/// </summary>
public sealed class TurboJpegFuzzTests(ITestOutputHelper output)
{
    private static readonly ImageDecodeOptions s_skia = new() { UseTurboJpeg = false };

    [TurboJpegFact("images/wolves.jpg")]
    public void Decode_MutatedJpeg_SameOutcomeAsSkiaSharp() =>
        AssertSameOutcomes(File.ReadAllBytes(TestFixtures.PathOf("images/wolves.jpg")), resizeTarget: null);

    [TurboJpegFact("images/ortgenai-landscape.jpg")]
    public void Decode_MutatedJpegAtReducedScale_SameOutcomeAsSkiaSharp() =>
        AssertSameOutcomes(File.ReadAllBytes(TestFixtures.PathOf("images/ortgenai-landscape.jpg")), (_, _) => (384, 256)); // decodes at 4/8

    [TurboJpegFact("images/ortgenai-australia.jpg")]
    public void Decode_SameJpegOnManyThreads_SamePixels()
    {
        var bytes = File.ReadAllBytes(TestFixtures.PathOf("images/ortgenai-australia.jpg"));
        var expected = ImageDecoder.Decode(bytes, s_skia);

        var images = new DecodedImage[16];
        Parallel.For(0, images.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => images[i] = ImageDecoder.Decode(bytes, new ImageDecodeOptions()));

        Assert.All(images, image =>
        {
            Assert.True(image.DecodedByTurboJpeg);
            Assert.Equal(expected.Pixels, image.Pixels);
        });
    }

    /// <summary>Cut at any length, one bit flipped, or up to 64 bytes overwritten.</summary>
    private static Gen<byte[]> Mutated(byte[] original) =>
        Gen.Select(Gen.Int[0, 2], Gen.Int[1, original.Length - 1], Gen.Int[0, 7], Gen.Byte.Array[1, 64], (kind, at, bit, noise) =>
        {
            if (kind == 0)
            {
                return original[..at];
            }

            var copy = (byte[])original.Clone();
            if (kind == 1)
            {
                copy[at] ^= (byte)(1 << bit);
            }
            else
            {
                noise.CopyTo(copy.AsSpan(Math.Min(at, copy.Length - noise.Length)));
            }

            return copy;
        });

    private void AssertSameOutcomes(byte[] jpeg, Func<int, int, (int Width, int Height)>? resizeTarget)
    {
        int byTurbo = 0, bySkia = 0, failed = 0;
        Mutated(jpeg).Check(bytes =>
        {
            var expected = Outcome(bytes, s_skia, resizeTarget);
            var actual = Outcome(bytes, new ImageDecodeOptions(), resizeTarget);

            Assert.Equal(expected.Error, actual.Error);
            if (actual.Image is null)
            {
                failed++;
                return;
            }

            TurboJpegTests.AssertSameImage(expected.Image!, actual.Image);
            _ = actual.Image.DecodedByTurboJpeg ? byTurbo++ : bySkia++;
        }, iter: 150);

        output.WriteLine($"decoded by TurboJPEG {byTurbo}, by SkiaSharp after TurboJPEG refused {bySkia}, refused by both {failed}");

        // The fixed cases reach every branch: TurboJPEG decodes, TurboJPEG refuses and SkiaSharp decodes, both refuse.
        if (!Fuzz.Explore)
        {
            Assert.True(byTurbo > 0 && bySkia > 0 && failed > 0, $"decoded by TurboJPEG {byTurbo}, by SkiaSharp {bySkia}, refused {failed}");
        }
    }

    private static (DecodedImage? Image, string? Error) Outcome(byte[] bytes, ImageDecodeOptions options, Func<int, int, (int Width, int Height)>? resizeTarget)
    {
        try
        {
            return (ImageDecoder.Decode(bytes, options, resizeTarget, rgbx: true), null);
        }
        catch (InvalidPipelineInputException ex)
        {
            return (null, ex.Message);
        }
    }
}
