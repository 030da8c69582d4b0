namespace HfPipelines.Images;

/// <summary>
/// A decoded image as packed 8-bit pixels: RGB (3 channels, alpha dropped like PIL's <c>convert("RGB")</c>), or
/// RGBX (4 channels, the 4th byte ignored, as the decoder hands it over without a repacking pass).
/// </summary>
internal sealed class DecodedImage
{
    /// <summary>Wraps packed pixels.</summary>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="pixels">Row-major pixel bytes, at least <c>width * height * channels</c> long (a pooled buffer may be longer).</param>
    /// <param name="channels">3 (RGB) or 4 (RGBX).</param>
    public DecodedImage(int width, int height, byte[] pixels, int channels = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(pixels);
        if (channels is not (3 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Channels must be 3 (RGB) or 4 (RGBX).");
        }

        if (pixels.Length < checked(width * height * channels))
        {
            throw new ArgumentException($"Expected {width * height * channels} bytes for {width}x{height}x{channels}, got {pixels.Length}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
        SourceWidth = width;
        SourceHeight = height;
        Region = SourceRegion.Whole(width, height);
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Bytes per pixel: 3 (RGB) or 4 (RGBX, the 4th byte ignored).</summary>
    public int Channels { get; }

    /// <summary>Row-major packed pixel bytes: the first <c>Width * Height * Channels</c> (a pooled buffer may be longer).</summary>
    public byte[] Pixels { get; }

    /// <summary>
    /// The width of the full-size (upright) image this one was decoded from: larger than <see cref="Width"/> after a
    /// reduced decode. Resize targets are computed from it, so they do not depend on the decode scale.
    /// </summary>
    public int SourceWidth { get; private init; }

    /// <summary>The height of the full-size (upright) image; see <see cref="SourceWidth"/>.</summary>
    public int SourceHeight { get; private init; }

    /// <summary>Where the full-size image lies in this image's pixels (the whole image unless decoded at reduced scale).</summary>
    public SourceRegion Region { get; private init; }

    /// <summary>True when TurboJPEG decoded the pixels (see <see cref="ImageDecodeOptions.UseTurboJpeg"/>), false for SkiaSharp.</summary>
    public bool DecodedByTurboJpeg { get; private init; }

    /// <summary>This image, marked as decoded at reduced scale from a full-size image.</summary>
    /// <param name="sourceWidth">The full-size width.</param>
    /// <param name="sourceHeight">The full-size height.</param>
    /// <param name="region">Where the full-size image lies in this image's pixels.</param>
    /// <param name="decodedByTurboJpeg">Whether TurboJPEG decoded the pixels.</param>
    /// <returns>A new instance sharing the pixels.</returns>
    public DecodedImage WithSource(int sourceWidth, int sourceHeight, SourceRegion region, bool decodedByTurboJpeg = false) =>
        new(Width, Height, Pixels, Channels) { SourceWidth = sourceWidth, SourceHeight = sourceHeight, Region = region, DecodedByTurboJpeg = decodedByTurboJpeg };
}
