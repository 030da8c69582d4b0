using BenchmarkDotNet.Attributes;
using HfPipelines.Benchmarks.SideBySide;
using HfPipelines.Images;
using HfPipelines.Tasks;

namespace HfPipelines.Benchmarks.Suites;

/// <summary>
/// Image preprocessing (decode, resize, crop, normalize) and MobileNetV2 classification of 8 fixture images, with the
/// reduced-size decode (the default) and with the exact full-size path.
/// </summary>
[MemoryDiagnoser]
public class ImageBenchmarks
{
    /// <summary>ImageDecodeOptions.AllowReducedDecode: true (default) decodes large JPEG / WebP at k/8 scale.</summary>
    [Params(true, false)]
    public bool ReducedDecode { get; set; }

    private ImagePreprocessor _preprocessor = null!;
    private ImageClassificationPipeline _pipeline = null!;
    private ReadOnlyMemory<byte>[] _bytes = null!;
    private ImageInput[] _inputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        var paths = BenchData.Images(BenchPaths.Fixtures, 8);
        _bytes = [.. paths.Select(p => (ReadOnlyMemory<byte>)File.ReadAllBytes(p))];
        _inputs = [.. _bytes.Select(ImageInput.FromBytes)];
        var decode = new ImageDecodeOptions { AllowReducedDecode = ReducedDecode };
        _preprocessor = new ImagePreprocessor(ImageProcessorConfig.ImageNet, decode);
        _pipeline = ImageClassificationPipeline.Create(BenchPaths.Fixture("onnx/mobilenetv2-12-int8/mobilenetv2-12-int8.onnx"), new ImageClassificationPipelineOptions { BatchSize = 8, Decode = decode });
    }

    [GlobalCleanup]
    public void Cleanup() => _pipeline.Dispose();

    [Benchmark(Description = "Preprocess 8 images")]
    public int Preprocess()
    {
        var total = 0;
        foreach (var bytes in _bytes)
        {
            total += _preprocessor.Process(bytes).Pixels.Length;
        }

        return total;
    }

    [Benchmark(Description = "Classify 8 images end to end")]
    public async Task<int> Classify() => (await _pipeline.RunBatchAsync(_inputs)).Count;
}
