using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using HfPipelines.Onnx;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Tokenization;
using Microsoft.ML.OnnxRuntime;

namespace HfPipelines.Benchmarks;

/// <summary>
/// all-MiniLM-L6-v2 embeddings of 256 sentences (one operation = all 256): our feature-extraction pipeline against a
/// bare ONNX Runtime loop over the same tokenizer, model and pooling. Batch 1: one call per sentence; batch 32:
/// padded batches of 32. Run: <c>dotnet run -c Release --project benchmarks/HfPipelines.Benchmarks -- --filter *Embedding*</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class EmbeddingBenchmarks
{
    private string[] _sentences = [];
    private IPipeline<string, FeatureExtractionOptions, FeatureExtractionResult> _pipeline = null!;
    private HfTokenizer _tokenizer = null!;
    private InferenceSession _session = null!;

    /// <summary>Sentences per model call.</summary>
    [Params(1, 32)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var folder = EmbeddingModelFolder.Get();
        _sentences = EmbeddingModelFolder.Sentences();
        _pipeline = OnnxPipelines.CreateFeatureExtraction(folder, new OnnxPipelineOptions { BatchSize = BatchSize });
        _tokenizer = HfTokenizer.FromFolder(folder);
        _session = new InferenceSession(Path.Combine(folder, "onnx", "model.onnx"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _session.Dispose();
        _pipeline.Dispose();
    }

    [Benchmark(Baseline = true)]
    public float BareOnnxRuntime()
    {
        var sum = 0f;
        for (var start = 0; start < _sentences.Length; start += BatchSize)
        {
            var batch = _sentences.AsSpan(start, Math.Min(BatchSize, _sentences.Length - start)).ToArray();
            foreach (var vector in BareBatch(batch))
            {
                sum += vector[0];
            }
        }

        return sum;
    }

    [Benchmark]
    public async Task<float> Pipeline()
    {
        var sum = 0f;
        if (BatchSize == 1)
        {
            foreach (var sentence in _sentences)
            {
                sum += (await _pipeline.RunAsync(sentence)).Vector[0];
            }
        }
        else
        {
            foreach (var result in await _pipeline.RunBatchAsync(_sentences))
            {
                sum += result.Vector[0];
            }
        }

        return sum;
    }

    private float[][] BareBatch(string[] batch)
    {
        var encodings = _tokenizer.EncodeBatch(batch, null, padToLongest: true);
        var length = encodings[0].Length;
        var ids = new long[batch.Length * length];
        var mask = new long[ids.Length];
        var types = new long[ids.Length];
        for (var b = 0; b < batch.Length; b++)
        {
            for (var t = 0; t < length; t++)
            {
                ids[(b * length) + t] = encodings[b].Ids[t];
                mask[(b * length) + t] = encodings[b].AttentionMask[t];
                types[(b * length) + t] = encodings[b].TypeIds[t];
            }
        }

        long[] shape = [batch.Length, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [idsValue, maskValue, typesValue], [_session.OutputNames[0]]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var width = hidden.Length / (batch.Length * length);
        var result = new float[batch.Length][];
        for (var b = 0; b < batch.Length; b++)
        {
            var vector = new float[width];
            var count = 0;
            for (var t = 0; t < length; t++)
            {
                if (mask[(b * length) + t] == 0)
                {
                    continue;
                }

                count++;
                var row = hidden.Slice(((b * length) + t) * width, width);
                for (var i = 0; i < width; i++)
                {
                    vector[i] += row[i];
                }
            }

            var norm = MathF.Sqrt(vector.Sum(v => (v / count) * (v / count)));
            result[b] = vector.Select(v => v / count / norm).ToArray();
        }

        return result;
    }
}
