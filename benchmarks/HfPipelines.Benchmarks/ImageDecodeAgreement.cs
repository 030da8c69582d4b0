using System.Globalization;
using HfPipelines.Images;
using HfPipelines.Onnx;
using SkiaSharp;

namespace HfPipelines.Benchmarks;

/// <summary>
/// <c>image-agreement [fixtures]</c>: how far the reduced decode moves MobileNetV2's output from the exact full-size path,
/// per reduced-decode margin: top-1 label, largest logit difference, and the largest pixel difference of the 224x224
/// input, over the fixture photos and WebP copies of them (quality 90).
/// </summary>
internal static class ImageDecodeAgreement
{
    public static int Run(string fixtures)
    {
        var files = Directory.GetFiles(Path.Combine(fixtures, "images")).Order(StringComparer.Ordinal).ToArray();
        var inputs = files.Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
        inputs.AddRange(files.Select(f => (Path.GetFileNameWithoutExtension(f) + ".webp", ToWebp(File.ReadAllBytes(f)))));
        using var model = new OnnxImageModel(Path.Combine(fixtures, "onnx", "mobilenetv2-12-int8", "mobilenetv2-12-int8.onnx"), new OnnxSessionOptions());
        var config = ImageProcessorConfig.ImageNet;
        var exact = new ImagePreprocessor(config, new ImageDecodeOptions { AllowReducedDecode = false });
        double[] margins = [1.0, 1.25, 1.5, 2.0, 3.0];
        var pixelScale = 255f * 0.224f; // a tensor step of 1/(255*std) is one pixel level (std of green)
        Console.WriteLine("margin  image                            decoded    top-1 same  top-5 shared  top-2 gap  max|dlogit|  mean|dlogit|  max|dpixel|  mean|dpixel|");
        void Row(string margin, string name, string decodedSize, (float[] Pixels, int Height, int Width) a, (float[] Pixels, int Height, int Width) b)
        {
            var la = model.Run(a.Pixels, 1, a.Height, a.Width).Logits;
            var lb = model.Run(b.Pixels, 1, b.Height, b.Width).Logits;
            var diffs = la.Zip(lb, (x, y) => Math.Abs(x - y)).ToArray();
            var pixels = a.Pixels.Zip(b.Pixels, (x, y) => Math.Abs(x - y) * pixelScale).ToArray();
            var topA = Top(la, 5);
            var sorted = la.OrderDescending().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{margin,6}  {name,-32} {decodedSize,-10} {topA[0] == Top(lb, 1)[0],-11} {topA.Intersect(Top(lb, 5)).Count(),12}  {sorted[0] - sorted[1],9:0.00}  {diffs.Max(),11:0.00}  {diffs.Average(),12:0.000}  {pixels.Max(),11:0.0}  {pixels.Average(),12:0.00}"));
        }

        // The noise floor: the exact path with each pixel value moved by -1, 0 or +1 level (the rounding freedom
        // between two JPEG decoders or two resize implementations).
        var random = new Random(5);
        foreach (var (name, bytes) in inputs)
        {
            var a = exact.Process(bytes);
            var noisy = a.Pixels.Select(v => v + ((random.Next(3) - 1) / pixelScale)).ToArray();
            Row("+-1", name, "", a, (noisy, a.Height, a.Width));
        }

        foreach (var margin in margins)
        {
            var reduced = new ImagePreprocessor(config, new ImageDecodeOptions { ReducedDecodeMargin = margin });
            foreach (var (name, bytes) in inputs)
            {
                var decoded = reduced.Decode(bytes);
                if (decoded.Width != decoded.SourceWidth)
                {
                    Row(margin.ToString("0.00", CultureInfo.InvariantCulture), name, $"{decoded.Width}x{decoded.Height}", exact.Process(bytes), reduced.Process(bytes));
                }
            }
        }

        return 0;
    }

    private static int[] Top(float[] values, int k) => [.. Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).Take(k)];

    private static byte[] ToWebp(byte[] encoded)
    {
        using var bitmap = SKBitmap.Decode(encoded);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Webp, 90);
        return data.ToArray();
    }
}
