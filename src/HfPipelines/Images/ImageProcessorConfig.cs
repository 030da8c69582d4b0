using System.Text.Json;

namespace HfPipelines.Images;

/// <summary>
/// The preprocessing of an image model, read from <c>preprocessor_config.json</c> with the keys and
/// defaults of the transformers image processors (ViT, ConvNeXt, ResNet, MobileNet, CLIP, BEiT ...).
/// Immutable once built; thread-safe.
/// </summary>
public sealed class ImageProcessorConfig
{
    private static readonly float[] s_imageNetMean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] s_imageNetStd = [0.229f, 0.224f, 0.225f];

    /// <summary>Resize before cropping (<c>do_resize</c>). Default true.</summary>
    public bool DoResize { get; init; } = true;

    /// <summary>Resize the shortest edge to this length keeping the aspect ratio (<c>size.shortest_edge</c>), or 0.</summary>
    public int ShortestEdge { get; init; }

    /// <summary>Resize to exactly this height (<c>size.height</c>), when <see cref="ShortestEdge"/> is 0. Default 224.</summary>
    public int Height { get; init; } = 224;

    /// <summary>Resize to exactly this width (<c>size.width</c>), when <see cref="ShortestEdge"/> is 0. Default 224.</summary>
    public int Width { get; init; } = 224;

    /// <summary>The resize filter (<c>resample</c>). Default bilinear (PIL 2).</summary>
    public ImageResampling Resample { get; init; } = ImageResampling.Bilinear;

    /// <summary>
    /// ConvNeXt's <c>crop_pct</c>: when set and the shortest edge is under 384, the image is resized to
    /// <c>shortest_edge / crop_pct</c> and then centre-cropped to <c>shortest_edge</c>. 0 when unused.
    /// </summary>
    public float CropPct { get; init; }

    /// <summary>Centre-crop after resizing (<c>do_center_crop</c>). Default false.</summary>
    public bool DoCenterCrop { get; init; }

    /// <summary>Crop height (<c>crop_size.height</c>). Default 224.</summary>
    public int CropHeight { get; init; } = 224;

    /// <summary>Crop width (<c>crop_size.width</c>). Default 224.</summary>
    public int CropWidth { get; init; } = 224;

    /// <summary>Multiply pixel values by <see cref="RescaleFactor"/> (<c>do_rescale</c>). Default true.</summary>
    public bool DoRescale { get; init; } = true;

    /// <summary>The rescale factor (<c>rescale_factor</c>). Default 1/255.</summary>
    public float RescaleFactor { get; init; } = 1f / 255f;

    /// <summary>Normalise with mean and std (<c>do_normalize</c>). Default true.</summary>
    public bool DoNormalize { get; init; } = true;

    /// <summary>Per-channel mean, RGB (<c>image_mean</c>). Default ImageNet's.</summary>
    public IReadOnlyList<float> ImageMean { get; init; } = s_imageNetMean;

    /// <summary>Per-channel std, RGB (<c>image_std</c>). Default ImageNet's.</summary>
    public IReadOnlyList<float> ImageStd { get; init; } = s_imageNetStd;

    /// <summary>
    /// The classic ImageNet evaluation preprocessing used by ONNX Model Zoo classifiers that ship no
    /// preprocessor_config.json: bilinear resize of the shortest edge to 256, centre crop 224, ImageNet mean/std.
    /// </summary>
    public static ImageProcessorConfig ImageNet { get; } = new()
    {
        ShortestEdge = 256,
        DoCenterCrop = true,
    };

    /// <summary>Reads a <c>preprocessor_config.json</c>.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="ModelLoadException">The file is missing or malformed.</exception>
    public static ImageProcessorConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"Image processor config '{path}' does not exist. Pass the model's preprocessor_config.json.");
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return Parse(doc.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new ModelLoadException($"Image processor config '{path}' is not valid: {ex.Message}", ex);
        }
    }

    /// <summary>Builds the configuration from the JSON object of a <c>preprocessor_config.json</c>.</summary>
    /// <param name="root">The JSON object.</param>
    /// <returns>The configuration.</returns>
    public static ImageProcessorConfig Parse(JsonElement root)
    {
        var type = Str(root, "image_processor_type") ?? Str(root, "feature_extractor_type") ?? string.Empty;
        var isConvNext = type.StartsWith("ConvNext", StringComparison.Ordinal);
        var (shortest, height, width) = ReadSize(root, "size", defaultSquare: !isConvNext && !type.StartsWith("CLIP", StringComparison.Ordinal));
        if (isConvNext && shortest == 0 && height is null)
        {
            shortest = 384; // ConvNextImageProcessor's default size
        }

        var (_, cropH, cropW) = ReadSize(root, "crop_size", defaultSquare: true);
        var mean = Floats(root, "image_mean");
        var std = Floats(root, "image_std");
        return new ImageProcessorConfig
        {
            DoResize = Bool(root, "do_resize") ?? true,
            ShortestEdge = shortest,
            Height = height ?? 224,
            Width = width ?? 224,
            Resample = (ImageResampling)(Int(root, "resample") ?? DefaultResample(type)),
            CropPct = isConvNext ? (float)(Num(root, "crop_pct") ?? 224.0 / 256.0) : 0f,
            DoCenterCrop = Bool(root, "do_center_crop") ?? false,
            CropHeight = cropH ?? 224,
            CropWidth = cropW ?? 224,
            DoRescale = Bool(root, "do_rescale") ?? true,
            RescaleFactor = (float)(Num(root, "rescale_factor") ?? 1.0 / 255.0),
            DoNormalize = Bool(root, "do_normalize") ?? true,
            ImageMean = mean is { Length: 3 } ? mean : mean is { Length: 1 } ? [mean[0], mean[0], mean[0]] : s_imageNetMean,
            ImageStd = std is { Length: 3 } ? std : std is { Length: 1 } ? [std[0], std[0], std[0]] : s_imageNetStd,
        };
    }

    /// <summary>The class default when the file has no <c>resample</c>: bicubic for CLIP, BiT and SigLIP processors, bilinear otherwise (ViT, ConvNeXt, DeiT ...).</summary>
    private static int DefaultResample(string type) =>
        type.StartsWith("CLIP", StringComparison.Ordinal) || type.StartsWith("Bit", StringComparison.Ordinal) || type.StartsWith("Siglip", StringComparison.Ordinal) ? 3 : 2;

    private static (int ShortestEdge, int? Height, int? Width) ReadSize(JsonElement root, string key, bool defaultSquare)
    {
        if (!root.TryGetProperty(key, out var size) || size.ValueKind == JsonValueKind.Null)
        {
            return (0, null, null);
        }

        if (size.ValueKind == JsonValueKind.Number)
        {
            var n = size.GetInt32();
            return defaultSquare ? (0, n, n) : (n, null, null);
        }

        if (size.TryGetProperty("shortest_edge", out var edge))
        {
            return (edge.GetInt32(), null, null);
        }

        return (0, Int(size, "height"), Int(size, "width"));
    }

    private static string? Str(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool? Bool(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static int? Int(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static double? Num(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static float[]? Floats(JsonElement e, string key)
    {
        if (!e.TryGetProperty(key, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Array => v.EnumerateArray().Select(x => x.GetSingle()).ToArray(),
            JsonValueKind.Number => [v.GetSingle()],
            _ => null,
        };
    }
}
