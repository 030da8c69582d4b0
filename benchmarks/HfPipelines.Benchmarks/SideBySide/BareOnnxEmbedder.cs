using HfPipelines.Tokenization;
using Microsoft.ML.OnnxRuntime;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>
/// The floor to compare against: the same tokenizer, one padded tensor per batch, <c>InferenceSession.Run</c>,
/// mean pooling and L2 normalisation in a plain loop. No options, no validation, no micro-batching.
/// </summary>
internal sealed class BareOnnxEmbedder : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly HfTokenizer _tokenizer;
    private readonly bool _hasTypeIds;

    public BareOnnxEmbedder(string folder, int intraOpThreads = 0)
    {
        _options = new SessionOptions { IntraOpNumThreads = intraOpThreads, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        _session = new InferenceSession(Path.Combine(folder, "onnx", "model.onnx"), _options);
        _tokenizer = HfTokenizer.FromFolder(folder);
        _hasTypeIds = _session.InputMetadata.ContainsKey("token_type_ids");
    }

    public float[][] Embed(IReadOnlyList<string> texts)
    {
        var encodings = texts.Select(t => _tokenizer.Encode(t, options: new EncodeOptions { MaxLength = 256 })).ToArray();
        var batch = encodings.Length;
        var length = encodings.Max(e => e.Ids.Length);
        var ids = new long[batch * length];
        var mask = new long[batch * length];
        for (var b = 0; b < batch; b++)
        {
            for (var t = 0; t < encodings[b].Ids.Length; t++)
            {
                ids[(b * length) + t] = encodings[b].Ids[t];
                mask[(b * length) + t] = 1;
            }
        }

        long[] shape = [batch, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[batch * length], shape);
        var names = _hasTypeIds ? new[] { "input_ids", "attention_mask", "token_type_ids" } : ["input_ids", "attention_mask"];
        var values = _hasTypeIds ? new[] { idsValue, maskValue, typesValue } : [idsValue, maskValue];
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, names, values, [_session.OutputNames[0]]);
        return Pool(outputs[0].GetTensorDataAsSpan<float>(), mask, batch, length);
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }

    private static float[][] Pool(ReadOnlySpan<float> hidden, long[] mask, int batch, int length)
    {
        var dim = hidden.Length / (batch * length);
        var result = new float[batch][];
        for (var b = 0; b < batch; b++)
        {
            var vector = new float[dim];
            var count = 0;
            for (var t = 0; t < length; t++)
            {
                if (mask[(b * length) + t] == 0)
                {
                    continue;
                }

                count++;
                var row = hidden.Slice(((b * length) + t) * dim, dim);
                for (var d = 0; d < dim; d++)
                {
                    vector[d] += row[d];
                }
            }

            var norm = 0f;
            for (var d = 0; d < dim; d++)
            {
                vector[d] /= count;
                norm += vector[d] * vector[d];
            }

            norm = MathF.Max(MathF.Sqrt(norm), 1e-12f);
            for (var d = 0; d < dim; d++)
            {
                vector[d] /= norm;
            }

            result[b] = vector;
        }

        return result;
    }
}
