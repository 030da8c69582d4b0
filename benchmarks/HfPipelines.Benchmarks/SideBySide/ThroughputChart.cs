using System.Globalization;
using SkiaSharp;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>Draws throughput against batch size, one line per side, as a PNG (SkiaSharp).</summary>
internal static class ThroughputChart
{
    private const int Width = 1040;
    private const int Height = 520;
    private const float Left = 80, Right = 380, Top = 50, Bottom = 60;
    private static readonly SKColor[] Colors = [new(0x1f, 0x77, 0xb4), new(0xff, 0x7f, 0x0e), new(0x2c, 0xa0, 0x2c), new(0xd6, 0x27, 0x28), new(0x94, 0x67, 0xbd)];

    public static void Write(string path, IReadOnlyList<Measurement> measurements, string title)
    {
        var sides = measurements.Select(m => m.Side).Distinct().ToList();
        var batches = measurements.Select(m => m.BatchSize).Distinct().Order().ToList();
        if (batches.Count == 0)
        {
            return;
        }

        var max = measurements.Max(m => m.Throughput) * 1.15;
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var typeface = LoadTypeface();
        using var font = new SKFont(typeface, 14);
        using var titleFont = new SKFont(typeface, 17);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var grid = new SKPaint { Color = new SKColor(0xdd, 0xdd, 0xdd), StrokeWidth = 1 };
        canvas.DrawText(title, Left, 30, SKTextAlign.Left, titleFont, ink);
        float X(int i) => Left + ((Width - Left - Right) * (batches.Count == 1 ? 0.5f : i / (float)(batches.Count - 1)));
        float Y(double v) => (float)(Height - Bottom - ((Height - Top - Bottom) * v / max));
        for (var t = 0; t <= 5; t++)
        {
            var value = max * t / 5;
            canvas.DrawLine(Left, Y(value), Width - Right, Y(value), grid);
            canvas.DrawText(value.ToString("0", CultureInfo.InvariantCulture), Left - 45, Y(value) + 5, SKTextAlign.Left, font, ink);
        }

        for (var i = 0; i < batches.Count; i++)
        {
            canvas.DrawText(batches[i].ToString(CultureInfo.InvariantCulture), X(i) - 6, Height - Bottom + 20, SKTextAlign.Left, font, ink);
        }

        canvas.DrawText("batch size", ((Left + Width - Right) / 2) - 30, Height - 15, SKTextAlign.Left, font, ink);
        canvas.DrawText("items/s", 10, Top - 10, SKTextAlign.Left, font, ink);
        for (var s = 0; s < sides.Count; s++)
        {
            DrawSeries(canvas, measurements.Where(m => m.Side == sides[s]).ToList(), batches, Colors[s % Colors.Length], X, Y);
            using var swatch = new SKPaint { Color = Colors[s % Colors.Length], StrokeWidth = 3, IsAntialias = true };
            var ly = Top + 20 + (s * 24);
            canvas.DrawLine(Width - Right + 15, ly - 5, Width - Right + 40, ly - 5, swatch);
            canvas.DrawText(sides[s].Replace("`", string.Empty, StringComparison.Ordinal), Width - Right + 46, ly, SKTextAlign.Left, font, ink);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    private static void DrawSeries(SKCanvas canvas, List<Measurement> points, List<int> batches, SKColor color, Func<int, float> x, Func<double, float> y)
    {
        using var line = new SKPaint { Color = color, StrokeWidth = 3, IsAntialias = true, Style = SKPaintStyle.Stroke };
        using var dot = new SKPaint { Color = color, IsAntialias = true };
        SKPoint? previous = null;
        foreach (var point in points.OrderBy(p => p.BatchSize))
        {
            var p = new SKPoint(x(batches.IndexOf(point.BatchSize)), y(point.Throughput));
            if (previous is { } prev)
            {
                canvas.DrawLine(prev, p, line);
            }

            canvas.DrawCircle(p, 5, dot);
            previous = p;
        }
    }

    private static SKTypeface LoadTypeface()
    {
        string[] candidates = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"];
        var file = candidates.FirstOrDefault(File.Exists);
        return (file is null ? null : SKTypeface.FromFile(file)) ?? SKTypeface.Default;
    }
}
