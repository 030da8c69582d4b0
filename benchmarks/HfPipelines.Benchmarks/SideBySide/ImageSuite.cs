using System.Globalization;
using HfPipelines.Benchmarking;
using HfPipelines.Images;
using HfPipelines.Tasks;
using Microsoft.ML.OnnxRuntime;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>
/// Image classification end to end (read, decode, preprocess, run, top 5) against raw <c>InferenceSession.Run</c> on a
/// ready tensor, batch 8. The sides alternate pass by pass (the order rotating), so a load spike hits all alike, and
/// the round's ratio to raw <c>Run</c> is printed as soon as the round is done.
/// </summary>
internal static class ImageSuite
{
    public const string Ours = "ours end to end (calls of 8 files)";
    public const string Raw = "raw Run on a ready [8,3,224,224] tensor";
    private const string Exact = "ours, exact full-size decode (AllowReducedDecode=false), calls of 8";
    private const string Skia = "ours, JPEGs decoded by SkiaSharp (UseTurboJpeg=false), calls of 8";
    private const string Spinning = "ours, ONNX Runtime threads spinning (ORT default), calls of 8";
    private const string Whole = "ours end to end (one call of 64, BatchSize=8, prefetch)";
    private const string Prepare = "decode + preprocess only, 1 thread (no Run)";
    private const int Batch = 8;

    public static async Task RunAsync(SideBySideSettings settings, Report report)
    {
        var model = Path.Combine(settings.FixturesDirectory, "onnx", "mobilenetv2-12-int8", "mobilenetv2-12-int8.onnx");
        var images = BenchData.Images(settings.FixturesDirectory, 64).Select(ImageInput.FromFile).ToArray();
        using var pipeline = ImageClassificationPipeline.Create(model, new ImageClassificationPipelineOptions { BatchSize = Batch });
        using var exact = ImageClassificationPipeline.Create(model, new ImageClassificationPipelineOptions { BatchSize = Batch, Decode = new ImageDecodeOptions { AllowReducedDecode = false } });
        using var spinning = ImageClassificationPipeline.Create(model, new ImageClassificationPipelineOptions { BatchSize = Batch, OrtSpinning = true });
        using var skia = ImageClassificationPipeline.Create(model, new ImageClassificationPipelineOptions { BatchSize = Batch, Decode = new ImageDecodeOptions { UseTurboJpeg = false } });
        var preprocessor = new ImagePreprocessor(pipeline.ProcessorConfig, new ImageDecodeOptions());
        using var raw = new RawRun(model);

        (string Side, int CallSize, Func<IReadOnlyList<ImageInput>, CancellationToken, Task> Call)[] sides =
        [
            (Ours, Batch, (batch, ct) => pipeline.RunBatchAsync(batch, null, ct)),
            (Raw, Batch, (_, _) => raw.RunAsync()),
            (Exact, Batch, (batch, ct) => exact.RunBatchAsync(batch, null, ct)),
            (Skia, Batch, (batch, ct) => skia.RunBatchAsync(batch, null, ct)),
            (Spinning, Batch, (batch, ct) => spinning.RunBatchAsync(batch, null, ct)),
            (Whole, images.Length, (batch, ct) => pipeline.RunBatchAsync(batch, null, ct)),
            (Prepare, Batch, async (batch, ct) =>
            {
                foreach (var image in batch)
                {
                    preprocessor.Process(await image.ReadAllBytesAsync(ct));
                }
            }),
        ];
        var results = sides.ToDictionary(s => s.Side, _ => new List<BenchmarkResult>());
        for (var rep = 0; rep < settings.Repetitions; rep++)
        {
            for (var i = 0; i < sides.Length; i++)
            {
                var (side, callSize, call) = sides[(i + rep) % sides.Length];
                results[side].Add(await BenchmarkRunner.RunAsync(side, images, call,
                    new BenchmarkOptions { BatchSize = callSize, WarmupCalls = rep == 0 ? 2 : 0, Repetitions = 1 }));
            }
        }

        foreach (var (side, _, _) in sides)
        {
            report.Add(Merge(side, results[side]));
        }

        PrintRatios(results);
    }

    private static Measurement Merge(string side, List<BenchmarkResult> passes)
    {
        var measurements = passes.Select(p => EmbeddingSuite.ToMeasurement("images", side, Batch, p)).ToList();
        var rates = measurements.SelectMany(m => m.Passes).Order().ToList();
        return measurements[0] with
        {
            Throughput = rates[rates.Count / 2],
            P50Ms = measurements.Select(m => m.P50Ms).Order().ElementAt(measurements.Count / 2),
            P95Ms = measurements.Select(m => m.P95Ms).Order().ElementAt(measurements.Count / 2),
            Passes = rates,
        };
    }

    private static void PrintRatios(Dictionary<string, List<BenchmarkResult>> results)
    {
        var raw = results[Raw].Select(r => r.ItemsPerSecond).ToList();
        Console.WriteLine($"  images: JPEG decoder of \"{Ours}\": {(ImageDecodeOptions.TurboJpegAvailable ? "TurboJPEG" : "SkiaSharp (libturbojpeg not found or disabled)")}");
        foreach (var side in new[] { Ours, Skia, Exact, Spinning, Whole })
        {
            // Each repetition's pass against the raw pass of the same repetition (measured seconds apart).
            var ratios = results[side].Zip(raw, (o, r) => o.ItemsPerSecond / r).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  images: {side} / raw Run = {ratios[ratios.Count / 2]:0.000} (median of passes: {string.Join(", ", ratios.Select(r => r.ToString("0.000", CultureInfo.InvariantCulture)))})"));
        }
    }

    /// <summary>The bare ONNX Runtime call with default session options on a ready random tensor.</summary>
    private sealed class RawRun : IDisposable
    {
        private readonly SessionOptions _options = new();
        private readonly InferenceSession _session;
        private readonly float[] _pixels = new float[Batch * 3 * 224 * 224];
        private readonly string _inputName;

        public RawRun(string model)
        {
            _session = new InferenceSession(model, _options);
            _inputName = _session.InputNames[0];
            var random = new Random(1);
            for (var i = 0; i < _pixels.Length; i++)
            {
                _pixels[i] = (float)(random.NextDouble() * 4) - 2;
            }
        }

        public Task RunAsync()
        {
            using var input = OrtValue.CreateTensorValueFromMemory(_pixels, [Batch, 3, 224, 224]);
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, [_inputName], [input], _session.OutputNames);
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            _session.Dispose();
            _options.Dispose();
        }
    }
}
