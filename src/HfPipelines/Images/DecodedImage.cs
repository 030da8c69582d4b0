namespace HfPipelines.Images;

/// <summary>A decoded image as packed 8-bit RGB (alpha dropped, like PIL's <c>convert("RGB")</c>).</summary>
internal sealed class DecodedImage
{
    /// <summary>Wraps packed RGB pixels.</summary>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="rgb">Row-major RGB bytes, <c>width * height * 3</c> long.</param>
    public DecodedImage(int width, int height, byte[] rgb)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(rgb);
        if (rgb.Length != checked(width * height * 3))
        {
            throw new ArgumentException($"Expected {width * height * 3} bytes for {width}x{height} RGB, got {rgb.Length}.", nameof(rgb));
        }

        Width = width;
        Height = height;
        Rgb = rgb;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Row-major packed RGB bytes.</summary>
    public byte[] Rgb { get; }
}
