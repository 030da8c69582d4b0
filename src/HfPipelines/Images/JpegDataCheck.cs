namespace HfPipelines.Images;

/// <summary>
/// Refuses a JPEG whose compressed data is too short for the size its header declares (a file cut short, or a header
/// edited to claim 9999x9999 over the data of 500x334): libjpeg fills what is missing with grey and reports it only as
/// a warning, so both decoders would hand back a picture. The bound is a sound lower one: in a Huffman-coded JPEG every
/// 8x8 block of every component codes its DC difference (at least one bit) and, in a sequential one, at least one AC
/// symbol (end-of-block or a coefficient, at least one bit). Arithmetic-coded files are not checked. Thread-safe.
/// </summary>
internal static class JpegDataCheck
{
    /// <summary>Throws when <paramref name="jpeg"/> holds fewer bytes after its first scan header than its blocks need.</summary>
    /// <param name="jpeg">The whole file.</param>
    /// <exception cref="InvalidPipelineInputException">The data is too short for the declared size.</exception>
    public static void EnsureEnoughData(ReadOnlySpan<byte> jpeg)
    {
        if (Frame(jpeg) is not { } frame || frame.ScanStart < 0)
        {
            return; // not parsed here: the decoders judge
        }

        var available = (long)(jpeg.Length - frame.ScanStart) * 8;
        if (available < frame.MinimumBits)
        {
            throw new InvalidPipelineInputException(
                $"The JPEG declares {frame.Width}x{frame.Height} pixels but holds {jpeg.Length - frame.ScanStart:N0} bytes of image data, fewer than that size needs (at least {(frame.MinimumBits + 7) / 8:N0}): the file is truncated or its header was edited. Pass the complete file.");
        }
    }

    private static (int Width, int Height, long MinimumBits, int ScanStart)? Frame(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return null;
        }

        (int Width, int Height, long MinimumBits)? frame = null;
        var at = 2;
        while (at + 4 <= jpeg.Length && jpeg[at] == 0xFF)
        {
            var marker = jpeg[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte
                continue;
            }

            var length = (jpeg[at + 2] << 8) | jpeg[at + 3];
            if (length < 2 || at + 2 + length > jpeg.Length)
            {
                return null;
            }

            var segment = jpeg.Slice(at + 4, length - 2);
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                frame = marker is 0xC0 or 0xC1 or 0xC2 ? Blocks(segment, bitsPerBlock: marker == 0xC2 ? 1 : 2) : null;
                if (frame is null)
                {
                    return null; // lossless, hierarchical or arithmetic-coded: not checked
                }
            }
            else if (marker == 0xDA)
            {
                return frame is { } f ? (f.Width, f.Height, f.MinimumBits, at + 2 + length) : null;
            }

            at += 2 + length;
        }

        return null;
    }

    /// <summary>The frame's size and the fewest bits its blocks can be coded in.</summary>
    private static (int Width, int Height, long MinimumBits)? Blocks(ReadOnlySpan<byte> sof, int bitsPerBlock)
    {
        if (sof.Length < 6)
        {
            return null;
        }

        var height = (sof[1] << 8) | sof[2];
        var width = (sof[3] << 8) | sof[4];
        var components = sof[5];
        if (height == 0 || width == 0 || components == 0 || sof.Length < 6 + (3 * components))
        {
            return null; // a height of 0 comes later in a DNL marker
        }

        int maxH = 1, maxV = 1;
        for (var c = 0; c < components; c++)
        {
            maxH = Math.Max(maxH, sof[6 + (3 * c) + 1] >> 4);
            maxV = Math.Max(maxV, sof[6 + (3 * c) + 1] & 0xF);
        }

        long blocks = 0;
        for (var c = 0; c < components; c++)
        {
            var h = Math.Max(1, sof[6 + (3 * c) + 1] >> 4);
            var v = Math.Max(1, sof[6 + (3 * c) + 1] & 0xF);
            var componentWidth = ((long)width * h + maxH - 1) / maxH;
            var componentHeight = ((long)height * v + maxV - 1) / maxV;
            blocks += ((componentWidth + 7) / 8) * ((componentHeight + 7) / 8);
        }

        return (width, height, blocks * bitsPerBlock);
    }
}
