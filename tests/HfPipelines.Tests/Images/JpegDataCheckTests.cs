using HfPipelines.Images;
using HfPipelines.Testing;

namespace HfPipelines.Tests.Images;

/// <summary>A JPEG whose header claims more pixels than its data holds is refused by both decoders, not classified.</summary>
public sealed class JpegDataCheckTests
{
    private const string Wolves = "images/wolves.jpg";

    [FixtureTheory(Wolves)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Decode_HeaderClaims9999x9999Over500x334_ThrowsTruncated(bool turbo, bool reduced)
    {
        var jpeg = WithSize(File.ReadAllBytes(TestFixtures.PathOf(Wolves)), 9999, 9999);
        var options = new ImageDecodeOptions { UseTurboJpeg = turbo, AllowReducedDecode = reduced };

        var ex = Assert.Throws<InvalidPipelineInputException>(() => ImageDecoder.Decode(jpeg, options, reduced ? (_, _) => (224, 224) : null, rgbx: false));

        Assert.StartsWith("The JPEG declares 9999x9999 pixels but holds 132,", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the file is truncated or its header was edited", ex.Message, StringComparison.Ordinal);
    }

    [FixtureFact(Wolves)]
    public void Decode_RealJpeg_StillDecodes()
    {
        var image = ImageDecoder.Decode(File.ReadAllBytes(TestFixtures.PathOf(Wolves)), new ImageDecodeOptions { UseTurboJpeg = false });

        Assert.Equal((500, 334), (image.Width, image.Height));
    }

    [Theory]
    [InlineData(16, 16, 0xC0, 1, 2)] // 4 blocks x 2 bits = 1 byte needed, 2 present
    [InlineData(64, 64, 0xC2, 8, 1)] // progressive: 64 blocks x 1 bit = 8 bytes
    public void EnsureEnoughData_EnoughBytes_Passes(int width, int height, byte sof, int components, int dataBytes)
    {
        JpegDataCheck.EnsureEnoughData(Minimal(width, height, sof, components == 8 ? 1 : components, dataBytes == 1 ? 8 : dataBytes));
    }

    [Fact]
    public void EnsureEnoughData_ArithmeticCoded_NotChecked()
    {
        JpegDataCheck.EnsureEnoughData(Minimal(4096, 4096, 0xC9, 1, 1));
    }

    [Fact]
    public void EnsureEnoughData_BaselineTooShort_Throws()
    {
        var ex = Assert.Throws<InvalidPipelineInputException>(() => JpegDataCheck.EnsureEnoughData(Minimal(4096, 4096, 0xC0, 1, 100)));

        Assert.Contains("at least 65,536", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The bytes with the frame header's height and width replaced.</summary>
    private static byte[] WithSize(byte[] jpeg, int width, int height)
    {
        var copy = (byte[])jpeg.Clone();
        for (var at = 2; at + 9 < copy.Length;)
        {
            var marker = copy[at + 1];
            if (marker is 0xC0 or 0xC1 or 0xC2)
            {
                (copy[at + 5], copy[at + 6], copy[at + 7], copy[at + 8]) = ((byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width);
                return copy;
            }

            at += 2 + ((copy[at + 2] << 8) | copy[at + 3]);
        }

        throw new InvalidOperationException("no frame header");
    }

    /// <summary>SOI, a frame header, a scan header and <paramref name="dataBytes"/> bytes of (fake) scan data.</summary>
    private static byte[] Minimal(int width, int height, byte sof, int components, int dataBytes)
    {
        var frame = new List<byte> { 0xFF, 0xD8, 0xFF, sof, 0, (byte)(8 + (3 * components)), 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, (byte)components };
        for (var c = 0; c < components; c++)
        {
            frame.AddRange([(byte)(c + 1), 0x11, 0]);
        }

        frame.AddRange([0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 63, 0]);
        frame.AddRange(new byte[dataBytes]);
        return [.. frame];
    }
}
