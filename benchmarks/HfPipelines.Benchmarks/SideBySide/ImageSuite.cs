using HfPipelines.Benchmarking;
using HfPipelines.Images;
using HfPipelines.Tasks;
using Microsoft.ML.OnnxRuntime;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>Image classification end to end (decode, preprocess, run, top 5) against raw <c>InferenceSession.Run</c> on a ready tensor, batch 8.</summary>
internal static class ImageSuite
{
    private const int Batch = 8;

    public static async Task RunAsync(SideBySideSettings settings, Report report)
    {
        var model = Path.Combine(settings.FixturesDirectory, "onnx", "mobilenetv2-12-int8", "mobilenetv2-12-int8.onnx");
        var images = BenchData.Images(settings.FixturesDirectory, 64).Select(ImageInput.FromFile).ToArray();
        using (var pipeline = ImageClassificationPipeline.Create(model, new ImageClassificationPipelineOptions { BatchSize = Batch }))
        {
            var calls = await BenchmarkRunner.RunAsync("e2e", images, (batch, ct) => pipeline.RunBatchAsync(batch, null, ct),
                new BenchmarkOptions { BatchSize = Batch, WarmupCalls = 2, Repetitions = settings.Repetitions });
            report.Add(EmbeddingSuite.ToMeasurement("images", "ours end to end (calls of 8 files)", Batch, calls));
            var whole = await BenchmarkRunner.RunAsync("e2e-whole", images, (batch, ct) => pipeline.RunBatchAsync(batch, null, ct),
                new BenchmarkOptions { BatchSize = images.Length, WarmupCalls = 1, Repetitions = settings.Repetitions });
            report.Add(EmbeddingSuite.ToMeasurement("images", "ours end to end (one call of 64, BatchSize=8, prefetch)", Batch, whole));

            // Where the time goes: read, decode, resize, crop and normalize only, one image after another on one thread.
            var preprocessor = new ImagePreprocessor(pipeline.ProcessorConfig, new ImageDecodeOptions());
            var prepare = await BenchmarkRunner.RunAsync("prepare", images, async (batch, ct) =>
            {
                foreach (var image in batch)
                {
                    preprocessor.Process(await image.ReadAllBytesAsync(ct));
                }
            }, new BenchmarkOptions { BatchSize = Batch, WarmupCalls = 1, Repetitions = settings.Repetitions });
            report.Add(EmbeddingSuite.ToMeasurement("images", "decode + preprocess only, 1 thread (no Run)", Batch, prepare));
        }

        using var options = new SessionOptions();
        using var session = new InferenceSession(model, options);
        var pixels = new float[Batch * 3 * 224 * 224];
        var random = new Random(1);
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (float)(random.NextDouble() * 4) - 2;
        }

        var inputName = session.InputNames[0];
        var raw = await BenchmarkRunner.RunAsync("raw", images, (_, _) =>
        {
            using var input = OrtValue.CreateTensorValueFromMemory(pixels, [Batch, 3, 224, 224]);
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, [inputName], [input], session.OutputNames);
            return Task.CompletedTask;
        }, new BenchmarkOptions { BatchSize = Batch, WarmupCalls = 2, Repetitions = settings.Repetitions });
        report.Add(EmbeddingSuite.ToMeasurement("images", "raw Run on a ready [8,3,224,224] tensor", Batch, raw));
    }
}
