using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using HfPipelines.Images;

namespace HfPipelines.Benchmarks;

/// <summary>
/// <c>image-stages [fixtures] [rounds]</c>: where one image's preprocessing time goes (decode at full size and at reduced
/// size, resize + crop, the whole <c>Process</c>), per fixture image, on one thread; medians of interleaved rounds of the
/// thread's CPU time, so that other processes on a shared machine disturb the figures less.
/// </summary>
internal static class ImageStageProfile
{
    public static int Run(string fixtures, int rounds)
    {
        var files = Directory.GetFiles(Path.Combine(fixtures, "images")).Order(StringComparer.Ordinal).ToArray();
        var fast = new ImagePreprocessor(ImageProcessorConfig.ImageNet, new ImageDecodeOptions());
        var exact = new ImagePreprocessor(ImageProcessorConfig.ImageNet, new ImageDecodeOptions { AllowReducedDecode = false });
        Console.WriteLine("ImageNet preprocessing (resize 256, crop 224), thread CPU ms per image, medians of " + rounds + " rounds");
        Console.WriteLine($"{"image",-32} {"full size",-10} {"decode",7} {"resize",7} | {"reduced to",-10} {"decode",7} {"resize",7} | {"process",7} {"exact",7}");
        var totals = new double[6];
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var times = new List<double>[6];
            for (var i = 0; i < times.Length; i++)
            {
                times[i] = [];
            }

            DecodedImage full = null!, reduced = null!;
            for (var r = 0; r < rounds; r++)
            {
                full = Time(times[0], () => exact.Decode(bytes));
                Time(times[1], () => exact.ResizeAndCrop(full));
                reduced = Time(times[2], () => fast.Decode(bytes));
                Time(times[3], () => fast.ResizeAndCrop(reduced));
                Time(times[4], () => fast.Process(bytes));
                Time(times[5], () => exact.Process(bytes));
            }

            var m = times.Select(Median).ToArray();
            for (var i = 0; i < m.Length; i++)
            {
                totals[i] += m[i];
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(file),-32} {$"{full.Width}x{full.Height}",-10} {m[0],7:0.00} {m[1],7:0.00} | {$"{reduced.Width}x{reduced.Height}",-10} {m[2],7:0.00} {m[3],7:0.00} | {m[4],7:0.00} {m[5],7:0.00}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"mean",-32} {"",-10} {totals[0] / files.Length,7:0.00} {totals[1] / files.Length,7:0.00} | {"",-10} {totals[2] / files.Length,7:0.00} {totals[3] / files.Length,7:0.00} | {totals[4] / files.Length,7:0.00} {totals[5] / files.Length,7:0.00}"));
        return 0;
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
