using BenchmarkDotNet.Attributes;
using HfPipelines.Benchmarks.SideBySide;
using HfPipelines.Onnx;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Tokenization;

namespace HfPipelines.Benchmarks.Suites;

/// <summary>The embedded all-MiniLM-L6-v2 feature-extraction pipeline on 32 sentences, one call per batch size.</summary>
[MemoryDiagnoser]
public class EmbeddingBenchmarks
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hfp-bdn-embed-" + Environment.ProcessId);
    private IPipeline<string, FeatureExtractionOptions, FeatureExtractionResult> _pipeline = null!;
    private string[] _sentences = null!;

    [Params(1, 32)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        var folder = await BenchData.MiniLmFolderAsync(_root, BenchPaths.Fixtures);
        _pipeline = OnnxPipelines.CreateFeatureExtraction(folder, HfTokenizer.FromFolder(folder), new OnnxPipelineOptions { BatchSize = BatchSize });
        _sentences = [.. BenchData.Sentences(32)];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pipeline.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark(Description = "Embed 32 sentences")]
    public async Task<int> Embed()
    {
        var done = 0;
        foreach (var chunk in _sentences.Chunk(BatchSize))
        {
            done += (await _pipeline.RunBatchAsync(chunk)).Count;
        }

        return done;
    }
}
