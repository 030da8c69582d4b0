namespace HfPipelines.Images;

/// <summary>Limits and shortcuts used when decoding an image.</summary>
public sealed class ImageDecodeOptions
{
    /// <summary>The default pixel limit: 100 megapixels.</summary>
    public const long DefaultMaxPixels = 100_000_000;

    private long _maxPixels = DefaultMaxPixels;

    /// <summary>
    /// Images whose header declares more pixels than this are refused before any pixel is decoded.
    /// Default <see cref="DefaultMaxPixels"/> (100 megapixels); must be positive.
    /// </summary>
    public long MaxPixels
    {
        get => _maxPixels;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxPixels));
            _maxPixels = value;
        }
    }

    /// <summary>
    /// When true (the default), a JPEG or WebP much larger than the preprocessing target is decoded at a
    /// reduced scale by the codec (JPEG: k/8 DCT scaling; WebP: libwebp's rescaler), keeping at least
    /// <see cref="ReducedDecodeMargin"/> times the resize target on both sides; the Pillow-exact resize then
    /// runs from there. The model input then differs slightly from a full-size decode (see docs/performance.md
    /// for the measured agreement). Set false for the exact full-size path, byte-identical to Pillow's resize
    /// of the full image.
    /// </summary>
    public bool AllowReducedDecode { get; set; } = true;

    /// <summary>
    /// How many times the resize target a reduced decode keeps on each side (default 2). Internal: chosen by
    /// measuring agreement with the full-size path, exposed to tests and benchmarks only.
    /// </summary>
    internal double ReducedDecodeMargin { get; init; } = 2.0;

    /// <summary>
    /// When true (the default), the EXIF orientation of a JPEG is applied (rotate / flip), as transformers'
    /// <c>load_image</c> does with <c>ImageOps.exif_transpose</c>.
    /// </summary>
    public bool ApplyExifOrientation { get; set; } = true;

    /// <summary>
    /// When true (the default), JPEGs are decoded by the system's libjpeg-turbo TurboJPEG library
    /// (<c>libturbojpeg.so.0</c>, Debian/Ubuntu package <c>libturbojpeg0</c>; <c>libturbojpeg.dylib</c>;
    /// <c>turbojpeg.dll</c>) when it is installed: faster than SkiaSharp's bundled decoder (its SIMD code) and with the
    /// same settings, so the pixels are the same. SkiaSharp still reads the header (size limit, EXIF orientation, decode
    /// scale). Without the library, with the environment variable <c>HFP_DISABLE_TURBOJPEG=1</c> (read once, at the first
    /// JPEG), for other formats, and for any JPEG TurboJPEG does not decode cleanly (a warning or error, e.g. truncated or
    /// corrupt data, or a CMYK JPEG), SkiaSharp decodes the image, with the same results and errors as when false.
    /// <see cref="TurboJpegAvailable"/> tells whether the library was found.
    /// </summary>
    public bool UseTurboJpeg { get; set; } = true;

    /// <summary>
    /// Whether the TurboJPEG library was found and is not disabled by <c>HFP_DISABLE_TURBOJPEG=1</c>, that is, whether
    /// <see cref="UseTurboJpeg"/> has an effect on this machine. Looks the library up on first use.
    /// </summary>
    public static bool TurboJpegAvailable => TurboJpeg.IsAvailable;
}
