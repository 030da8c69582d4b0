namespace HfPipelines.Images;

/// <summary>
/// Where the full-size image lies in the pixel coordinates of a reduced decode (Pillow's resize <c>box</c>): a JPEG
/// decoded at k/8 maps original x to x * k / 8, so a 1300-pixel side decoded at 5/8 spans 812.5 of its 813 pixels.
/// Resizing from this box keeps the sampling grid of a full-size resize.
/// </summary>
/// <param name="Left">Left edge, in pixels of the decoded image.</param>
/// <param name="Top">Top edge.</param>
/// <param name="Right">Right edge.</param>
/// <param name="Bottom">Bottom edge.</param>
internal readonly record struct SourceRegion(double Left, double Top, double Right, double Bottom)
{
    /// <summary>The whole of an image of the given size.</summary>
    /// <param name="width">Width.</param>
    /// <param name="height">Height.</param>
    /// <returns>The region (0, 0, width, height).</returns>
    public static SourceRegion Whole(int width, int height) => new(0, 0, width, height);
}
