using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using HfPipelines.Images;

namespace HfPipelines.Benchmarks;

/// <summary>
/// <c>image-stages [fixtures] [rounds]</c>: where one image's preprocessing time goes (decode at full size and at reduced
/// size, resize + crop, the whole <c>Process</c>), per fixture image, on one thread; medians of interleaved rounds of the
/// thread's CPU time, so that other processes on a shared machine disturb the figures less. JPEGs are decoded both by
/// SkiaSharp and by TurboJPEG (when libturbojpeg is installed), the two alternating within every round; the first table
/// uses TurboJPEG when available (the default), the second compares the two decoders.
/// </summary>
internal static class ImageStageProfile
{
    public static int Run(string fixtures, int rounds)
    {
        var files = Directory.GetFiles(Path.Combine(fixtures, "images")).Order(StringComparer.Ordinal).ToArray();
        var fast = new ImagePreprocessor(ImageProcessorConfig.ImageNet, new ImageDecodeOptions());
        var exact = new ImagePreprocessor(ImageProcessorConfig.ImageNet, new ImageDecodeOptions { AllowReducedDecode = false });
        var fastSkia = new ImagePreprocessor(ImageProcessorConfig.ImageNet, new ImageDecodeOptions { UseTurboJpeg = false });
        var exactSkia = new ImagePreprocessor(ImageProcessorConfig.ImageNet, new ImageDecodeOptions { AllowReducedDecode = false, UseTurboJpeg = false });
        var decoder = ImageDecodeOptions.TurboJpegAvailable ? "TurboJPEG for JPEGs" : "SkiaSharp (libturbojpeg not found or disabled)";
        Console.WriteLine($"ImageNet preprocessing (resize 256, crop 224), thread CPU ms per image, medians of {rounds} rounds; decoder: {decoder}");
        Console.WriteLine($"{"image",-32} {"full size",-10} {"decode",7} {"resize",7} | {"reduced to",-10} {"decode",7} {"resize",7} | {"process",7} {"exact",7}");
        var rows = new List<(string Name, double[] Medians)>();
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var times = Enumerable.Range(0, 9).Select(_ => new List<double>()).ToArray();
            DecodedImage full = null!, reduced = null!;
            for (var r = 0; r < rounds; r++)
            {
                // Stages 0-5 with the default decoder; 6-8 the same as 0, 2 and 4 with SkiaSharp only, each pair alternating.
                var turboFirst = r % 2 == 0;
                Pair(turboFirst, () => full = Time(times[0], () => exact.Decode(bytes)), () => Time(times[6], () => exactSkia.Decode(bytes)));
                Time(times[1], () => exact.ResizeAndCrop(full));
                Pair(turboFirst, () => reduced = Time(times[2], () => fast.Decode(bytes)), () => Time(times[7], () => fastSkia.Decode(bytes)));
                Time(times[3], () => fast.ResizeAndCrop(reduced));
                Pair(turboFirst, () => Time(times[4], () => fast.Process(bytes)), () => Time(times[8], () => fastSkia.Process(bytes)));
                Time(times[5], () => exact.Process(bytes));
            }

            var m = times.Select(Median).ToArray();
            rows.Add((Path.GetFileName(file), m));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(file),-32} {$"{full.Width}x{full.Height}",-10} {m[0],7:0.00} {m[1],7:0.00} | {$"{reduced.Width}x{reduced.Height}",-10} {m[2],7:0.00} {m[3],7:0.00} | {m[4],7:0.00} {m[5],7:0.00}"));
        }

        var mean = Enumerable.Range(0, 9).Select(i => rows.Average(row => row.Medians[i])).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"mean",-32} {"",-10} {mean[0],7:0.00} {mean[1],7:0.00} | {"",-10} {mean[2],7:0.00} {mean[3],7:0.00} | {mean[4],7:0.00} {mean[5],7:0.00}"));
        PrintDecoders(rows.Append(("mean", mean)));
        return 0;
    }

    /// <summary>The decoder A/B: SkiaSharp against the default (TurboJPEG when available), measured in the same rounds.</summary>
    private static void PrintDecoders(IEnumerable<(string Name, double[] Medians)> rows)
    {
        Console.WriteLine();
        Console.WriteLine("decoder A/B, thread CPU ms per image: SkiaSharp | default (TurboJPEG for JPEGs when available), interleaved");
        Console.WriteLine($"{"image",-32} {"full: skia",10} {"turbo",7} {"x",5} | {"reduced: skia",13} {"turbo",7} {"x",5} | {"process: skia",13} {"turbo",7} {"x",5}");
        foreach (var (name, m) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-32} {m[6],10:0.00} {m[0],7:0.00} {m[6] / m[0],5:0.00} | {m[7],13:0.00} {m[2],7:0.00} {m[7] / m[2],5:0.00} | {m[8],13:0.00} {m[4],7:0.00} {m[8] / m[4],5:0.00}"));
        }
    }

    private static void Pair(bool firstFirst, Action first, Action second)
    {
        (firstFirst ? first : second)();
        (firstFirst ? second : first)();
    }

    private static T Time<T>(List<double> into, Func<T> action)
    {
        var start = ThreadCpuMs();
        var result = action();
        into.Add(ThreadCpuMs() - start);
        return result;
    }

    /// <summary>CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID), steadier than wall time on a busy machine; wall time elsewhere.</summary>
    private static double ThreadCpuMs()
    {
        if (!OperatingSystem.IsLinux())
        {
            return Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency;
        }

        ClockGetTime(3, out var ts);
        return (ts.Seconds * 1000.0) + (ts.Nanoseconds / 1e6);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
