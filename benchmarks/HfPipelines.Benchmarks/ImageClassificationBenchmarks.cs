using BenchmarkDotNet.Attributes;
using HfPipelines.Images;
using HfPipelines.Tasks;

namespace HfPipelines.Benchmarks;

/// <summary>
/// MobileNetV2 int8 at batch 8: the whole pipeline (read, decode, resize, crop, normalise, run, top-5)
/// against the bare ONNX Runtime call on an already-built tensor, plus one image's decode + preprocess.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ImageClassificationBenchmarks
{
    private static readonly string[] s_images =
    [
        "images/coco-000000039769-two-cats.png", "images/pineapple.jpg", "images/wolves.jpg", "images/ortgenai-cars.jpg",
        "images/ortgenai-australia.jpg", "images/ortgenai-landscape.jpg", "images/ortgenai-sheet.png", "images/ortgenai-10809054.jpg",
    ];

    private ImageClassificationPipeline _pipeline = null!;
    private OnnxImageModel _model = null!;
    private ImagePreprocessor _preprocessor = null!;
    private ImageInput[] _inputs = [];
    private byte[] _catsPng = [];
    private float[] _tensor = [];

    [GlobalSetup]
    public void Setup()
    {
        var folder = ImageBenchmarkFixtures.PathOf("onnx/mobilenetv2-12-int8");
        _pipeline = ImageClassificationPipeline.Create(folder, new ImageClassificationPipelineOptions { BatchSize = 8 });
        _model = new OnnxImageModel(Path.Combine(folder, "mobilenetv2-12-int8.onnx"), new HfPipelines.Onnx.OnnxSessionOptions());
        _preprocessor = new ImagePreprocessor(ImageProcessorConfig.ImageNet, new ImageDecodeOptions());
        _inputs = s_images.Select(p => ImageInput.FromBytes(File.ReadAllBytes(ImageBenchmarkFixtures.PathOf(p)))).ToArray();
        _catsPng = File.ReadAllBytes(ImageBenchmarkFixtures.PathOf(s_images[0]));
        _tensor = _inputs.SelectMany(i => _preprocessor.Process(i.Bytes).Pixels).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pipeline.Dispose();
        _model.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int RawRunBatch8() => _model.Run(_tensor, 8, 224, 224).Classes;

    [Benchmark]
    public async Task<int> PipelineBatch8() => (await _pipeline.RunBatchAsync(_inputs)).Count;

    [Benchmark]
    public int DecodePreprocessCatsPng() => _preprocessor.Process(_catsPng).Pixels.Length;
}
