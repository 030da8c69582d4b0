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
    /// When true (the default), a JPEG much larger than the preprocessing target is decoded at a
    /// reduced scale by the codec (1/2, 1/4, 1/8), keeping at least three times the target size so the
    /// later anti-aliased resize is unchanged to the eye. Set false for bit-exact parity with PIL.
    /// </summary>
    public bool AllowReducedDecode { get; set; } = true;

    /// <summary>
    /// When true (the default), the EXIF orientation of a JPEG is applied (rotate / flip), as transformers'
    /// <c>load_image</c> does with <c>ImageOps.exif_transpose</c>.
    /// </summary>
    public bool ApplyExifOrientation { get; set; } = true;
}
