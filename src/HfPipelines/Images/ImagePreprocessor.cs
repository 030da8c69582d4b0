using HfPipelines.Buffers;

namespace HfPipelines.Images;

/// <summary>
/// Turns encoded image bytes into the model's pixel tensor (CHW float), following the transformers
/// image processors: RGB, resize (PIL filters), centre crop, rescale, normalise. The resize computes only
/// the pixels the crops keep, and a large JPEG or WebP may be decoded at reduced scale first
/// (<see cref="ImageDecodeOptions.AllowReducedDecode"/>). Thread-safe.
/// </summary>
internal sealed class ImagePreprocessor
{
    private readonly ImageDecodeOptions _decodeOptions;
    private readonly Func<int, int, (int Width, int Height)>? _resizeTarget;

    // Decoded pixels go into buffers kept per preprocessor (a few, not one per concurrent caller as ArrayPool.Shared kept;
    // none over 64 MB, so one huge image does not stay in memory with the pipeline).
    private readonly BoundedArrayPool<byte> _pixels = new(Environment.ProcessorCount, 64 << 20);

    /// <summary>Creates the preprocessor.</summary>
    /// <param name="config">The processor configuration.</param>
    /// <param name="decodeOptions">Decode limits.</param>
    public ImagePreprocessor(ImageProcessorConfig config, ImageDecodeOptions decodeOptions)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(decodeOptions);
        Config = config;
        _decodeOptions = decodeOptions;
        _resizeTarget = config.DoResize ? ResizeSize : null;
    }

    /// <summary>The processor configuration.</summary>
    public ImageProcessorConfig Config { get; }

    /// <summary>Decodes and preprocesses one image.</summary>
    /// <param name="bytes">Encoded bytes.</param>
    /// <returns>The CHW tensor data and its height and width.</returns>
    public (float[] Pixels, int Height, int Width) Process(ReadOnlyMemory<byte> bytes) =>
        ImageDecoder.DecodePooled(bytes, _decodeOptions, _resizeTarget, decoded =>
        {
            var image = ResizeAndCrop(decoded); // may be the decoded image itself: used up before the pool gets it back
            return (ToTensor(image), image.Height, image.Width);
        }, _pixels);

    /// <summary>The decode step: RGBX, at reduced scale when allowed and the resize target is much smaller.</summary>
    /// <param name="bytes">Encoded bytes.</param>
    /// <returns>The decoded image.</returns>
    public DecodedImage Decode(ReadOnlyMemory<byte> bytes) => ImageDecoder.Decode(bytes, _decodeOptions, _resizeTarget, rgbx: true);

    /// <summary>The resize step (transformers' <c>resize</c> with the processor's size rules, including ConvNeXt's <c>crop_pct</c> crop).</summary>
    /// <param name="image">The decoded image.</param>
    /// <returns>The resized image.</returns>
    public DecodedImage Resize(DecodedImage image) => Transform(image, centerCrop: false);

    /// <summary>Resize and centre crop in one pass: only the kept pixels are computed (the same bytes as resizing, then cropping).</summary>
    /// <param name="image">The decoded image.</param>
    /// <returns>The resized and cropped image.</returns>
    public DecodedImage ResizeAndCrop(DecodedImage image) => Transform(image, centerCrop: Config.DoCenterCrop);

    /// <summary>transformers' <c>center_crop</c>: top-left at floor of half the difference; pads with zeros when smaller.</summary>
    /// <param name="image">The image.</param>
    /// <param name="height">Crop height.</param>
    /// <param name="width">Crop width.</param>
    /// <returns>The cropped image.</returns>
    public static DecodedImage CenterCrop(DecodedImage image, int height, int width)
    {
        var window = CenterWindow(image.Width, image.Height, width, height);
        return window == new PixelWindow(0, 0, image.Width, image.Height) ? image : Pad(image, -window.Left, -window.Top, width, height);
    }

    /// <summary>The size the resize step produces for an upright image of the given full size, before any crop.</summary>
    /// <param name="width">Full-size width.</param>
    /// <param name="height">Full-size height.</param>
    /// <returns>The resize output size.</returns>
    internal (int Width, int Height) ResizeSize(int width, int height)
    {
        if (!Config.DoResize)
        {
            return (width, height);
        }

        if (Config.ShortestEdge <= 0)
        {
            return (Config.Width, Config.Height);
        }

        var edge = Config.ShortestEdge;
        if (Config.CropPct > 0)
        {
            return edge >= 384 ? (edge, edge) : ShortestEdgeSize(width, height, (int)(edge / Config.CropPct));
        }

        return ShortestEdgeSize(width, height, edge);
    }

    private static (int Width, int Height) ShortestEdgeSize(int width, int height, int edge)
    {
        // transformers get_resize_output_image_size(default_to_square=False): the long side is int(edge * long / short).
        var (shortSide, longSide) = width <= height ? (width, height) : (height, width);
        var newLong = Math.Max(1, (int)((long)edge * longSide / shortSide));
        return width <= height ? (edge, newLong) : (newLong, edge);
    }

    private DecodedImage Transform(DecodedImage image, bool centerCrop)
    {
        // Sizes come from the full-size image, so a reduced decode resizes to the same geometry as a full one.
        var (width, height) = ResizeSize(image.SourceWidth, image.SourceHeight);
        var kept = new PixelWindow(0, 0, width, height);
        if (Config.DoResize && Config.ShortestEdge > 0 && Config.CropPct > 0 && Config.ShortestEdge < 384)
        {
            kept = CenterWindow(width, height, Config.ShortestEdge, Config.ShortestEdge);
        }

        var wanted = kept;
        if (centerCrop)
        {
            var crop = CenterWindow(kept.Width, kept.Height, Config.CropWidth, Config.CropHeight);
            wanted = crop with { Left = kept.Left + crop.Left, Top = kept.Top + crop.Top };
        }

        // A crop larger than the image pads with zeros: resize the visible part, then place it.
        var left = Math.Max(wanted.Left, kept.Left);
        var top = Math.Max(wanted.Top, kept.Top);
        var visible = new PixelWindow(left, top, Math.Min(wanted.Right, kept.Right) - left, Math.Min(wanted.Bottom, kept.Bottom) - top);
        var resized = PilResizer.Resize(image, width, height, Config.Resample, visible); // without resize: just the window
        return visible == wanted ? resized : Pad(resized, visible.Left - wanted.Left, visible.Top - wanted.Top, wanted.Width, wanted.Height);
    }

    /// <summary>The centred crop window of transformers' <c>center_crop</c>; it may reach outside the image (padding).</summary>
    private static PixelWindow CenterWindow(int imageWidth, int imageHeight, int width, int height) =>
        new(FloorDiv(imageWidth - width, 2), FloorDiv(imageHeight - height, 2), width, height);

    /// <summary>Places <paramref name="image"/> at (<paramref name="left"/>, <paramref name="top"/>) of a zero canvas, clipping what falls outside.</summary>
    private static DecodedImage Pad(DecodedImage image, int left, int top, int width, int height)
    {
        var c = image.Channels;
        var dst = new byte[width * height * c];
        var x0 = Math.Max(0, left);
        var x1 = Math.Min(width, left + image.Width);
        for (var y = Math.Max(0, top); y < Math.Min(height, top + image.Height) && x1 > x0; y++)
        {
            image.Pixels.AsSpan((((y - top) * image.Width) + x0 - left) * c, (x1 - x0) * c).CopyTo(dst.AsSpan(((y * width) + x0) * c));
        }

        return new DecodedImage(width, height, dst, c);
    }

    private static int FloorDiv(int a, int b) => (int)Math.Floor((double)a / b);

    private float[] ToTensor(DecodedImage image)
    {
        var plane = image.Width * image.Height;
        var pixels = new float[plane * 3];
        var rescale = Config.DoRescale ? Config.RescaleFactor : 1f;
        Span<float> scale = stackalloc float[3];
        Span<float> shift = stackalloc float[3];
        for (var c = 0; c < 3; c++)
        {
            // (x * rescale - mean) / std, folded into one multiply-add per value.
            var std = Config.DoNormalize ? Config.ImageStd[c] : 1f;
            var mean = Config.DoNormalize ? Config.ImageMean[c] : 0f;
            scale[c] = rescale / std;
            shift[c] = -mean / std;
        }

        var src = image.Pixels;
        var channels = image.Channels;
        for (var i = 0; i < plane; i++)
        {
            var p = i * channels;
            pixels[i] = (src[p] * scale[0]) + shift[0];
            pixels[plane + i] = (src[p + 1] * scale[1]) + shift[1];
            pixels[(2 * plane) + i] = (src[p + 2] * scale[2]) + shift[2];
        }

        return pixels;
    }
}
