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
    private readonly BoundBuffers? _bound;

    public BareOnnxEmbedder(string folder, int intraOpThreads = 0, bool memoryArena = true, bool ioBinding = false, IReadOnlyDictionary<string, string>? configEntries = null)
    {
        _options = new SessionOptions { IntraOpNumThreads = intraOpThreads, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, EnableCpuMemArena = memoryArena };
        foreach (var (key, value) in configEntries ?? new Dictionary<string, string>())
        {
            _options.AddSessionConfigEntry(key, value);
        }

        _session = new InferenceSession(Path.Combine(folder, "onnx", "model.onnx"), _options);
        _tokenizer = HfTokenizer.FromFolder(folder);
        _hasTypeIds = _session.InputMetadata.ContainsKey("token_type_ids");
        _bound = ioBinding ? new BoundBuffers(_session) : null;
    }

    public float[][] Embed(IReadOnlyList<string> texts)
    {
        if (_bound is not null && texts.Count == 1)
        {
            return EmbedBound(texts[0], _bound);
        }

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
        _bound?.Dispose();
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

    /// <summary>Batch 1 through one IOBinding kept for the session's life: inputs written into pre-allocated pinned
    /// buffers, the output bound to a pre-allocated buffer (no allocation by ONNX Runtime, no copy out).</summary>
    private float[][] EmbedBound(string text, BoundBuffers b)
    {
        var ids = _tokenizer.Encode(text, options: new EncodeOptions { MaxLength = BoundBuffers.MaxLength }).Ids;
        var length = ids.Length;
        for (var t = 0; t < length; t++)
        {
            b.Ids[t] = ids[t];
        }

        long[] shape = [1, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, b.Ids.AsMemory(0, length), shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, b.Mask.AsMemory(0, length), shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, b.Types.AsMemory(0, length), shape);
        using var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, b.Output.AsMemory(0, length * b.Width), [1, length, b.Width]);
        b.Binding.BindInput("input_ids", idsValue);
        b.Binding.BindInput("attention_mask", maskValue);
        if (_hasTypeIds)
        {
            b.Binding.BindInput("token_type_ids", typesValue);
        }

        b.Binding.BindOutput(_session.OutputNames[0], output);
        _session.RunWithBinding(b.RunOptions, b.Binding);
        return Pool(b.Output.AsSpan(0, length * b.Width), b.Mask, 1, length);
    }

    private sealed class BoundBuffers : IDisposable
    {
        public const int MaxLength = 256;

        public BoundBuffers(InferenceSession session)
        {
            Width = session.OutputMetadata[session.OutputNames[0]].Dimensions[^1];
            Output = new float[MaxLength * Width];
            Binding = session.CreateIoBinding();
            Array.Fill(Mask, 1L);
        }

        public int Width { get; }

        public long[] Ids { get; } = new long[MaxLength];

        public long[] Mask { get; } = new long[MaxLength];

        public long[] Types { get; } = new long[MaxLength];

        public float[] Output { get; }

        public OrtIoBinding Binding { get; }

        public RunOptions RunOptions { get; } = new();

        public void Dispose()
        {
            Binding.Dispose();
            RunOptions.Dispose();
        }
    }
}
