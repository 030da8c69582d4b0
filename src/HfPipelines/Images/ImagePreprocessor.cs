namespace HfPipelines.Images;

/// <summary>
/// Turns encoded image bytes into the model's pixel tensor (CHW float), following the transformers
/// image processors: RGB, resize (PIL filters), centre crop, rescale, normalise. Thread-safe.
/// </summary>
internal sealed class ImagePreprocessor
{
    private readonly ImageDecodeOptions _decodeOptions;

    /// <summary>Creates the preprocessor.</summary>
    /// <param name="config">The processor configuration.</param>
    /// <param name="decodeOptions">Decode limits.</param>
    public ImagePreprocessor(ImageProcessorConfig config, ImageDecodeOptions decodeOptions)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(decodeOptions);
        Config = config;
        _decodeOptions = decodeOptions;
    }

    /// <summary>The processor configuration.</summary>
    public ImageProcessorConfig Config { get; }

    /// <summary>Decodes and preprocesses one image.</summary>
    /// <param name="bytes">Encoded bytes.</param>
    /// <returns>The CHW tensor data and its height and width.</returns>
    public (float[] Pixels, int Height, int Width) Process(ReadOnlyMemory<byte> bytes)
    {
        var image = ImageDecoder.Decode(bytes, _decodeOptions, Config.TargetShortSide);
        image = Resize(image);
        if (Config.DoCenterCrop)
        {
            image = CenterCrop(image, Config.CropHeight, Config.CropWidth);
        }

        return (ToTensor(image), image.Height, image.Width);
    }

    /// <summary>The resize step (transformers' <c>resize</c> with the processor's size rules).</summary>
    /// <param name="image">The decoded image.</param>
    /// <returns>The resized image.</returns>
    public DecodedImage Resize(DecodedImage image)
    {
        if (!Config.DoResize)
        {
            return image;
        }

        if (Config.ShortestEdge <= 0)
        {
            return PilResizer.Resize(image, Config.Width, Config.Height, Config.Resample);
        }

        var edge = Config.ShortestEdge;
        if (Config.CropPct > 0)
        {
            if (edge >= 384)
            {
                return PilResizer.Resize(image, edge, edge, Config.Resample);
            }

            var resized = ResizeShortestEdge(image, (int)(edge / Config.CropPct));
            return CenterCrop(resized, edge, edge);
        }

        return ResizeShortestEdge(image, edge);
    }

    /// <summary>transformers' <c>center_crop</c>: top-left at floor of half the difference; pads with zeros when smaller.</summary>
    /// <param name="image">The image.</param>
    /// <param name="height">Crop height.</param>
    /// <param name="width">Crop width.</param>
    /// <returns>The cropped image.</returns>
    public static DecodedImage CenterCrop(DecodedImage image, int height, int width)
    {
        if (height == image.Height && width == image.Width)
        {
            return image;
        }

        var top = FloorDiv(image.Height - height, 2);
        var left = FloorDiv(image.Width - width, 2);
        var dst = new byte[height * width * 3];
        for (var y = 0; y < height; y++)
        {
            var sy = y + top;
            if (sy < 0 || sy >= image.Height)
            {
                continue;
            }

            var x0 = Math.Max(0, -left);
            var x1 = Math.Min(width, image.Width - left);
            if (x1 > x0)
            {
                Array.Copy(image.Rgb, ((sy * image.Width) + left + x0) * 3, dst, ((y * width) + x0) * 3, (x1 - x0) * 3);
            }
        }

        return new DecodedImage(width, height, dst);
    }

    private static int FloorDiv(int a, int b) => (int)Math.Floor((double)a / b);

    private DecodedImage ResizeShortestEdge(DecodedImage image, int edge)
    {
        // transformers get_resize_output_image_size(default_to_square=False): the long side is int(edge * long / short).
        var (shortSide, longSide) = image.Width <= image.Height ? (image.Width, image.Height) : (image.Height, image.Width);
        var newLong = Math.Max(1, (int)((long)edge * longSide / shortSide));
        var (w, h) = image.Width <= image.Height ? (edge, newLong) : (newLong, edge);
        return PilResizer.Resize(image, w, h, Config.Resample);
    }

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

        var rgb = image.Rgb;
        for (var i = 0; i < plane; i++)
        {
            pixels[i] = (rgb[i * 3] * scale[0]) + shift[0];
            pixels[plane + i] = (rgb[(i * 3) + 1] * scale[1]) + shift[1];
            pixels[(2 * plane) + i] = (rgb[(i * 3) + 2] * scale[2]) + shift[2];
        }

        return pixels;
    }
}
