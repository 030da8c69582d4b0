using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HfPipelines.Seq2Seq.Onnx;

/// <summary>One generation over an <see cref="OnnxSeq2SeqModel"/>: feeds the decoder and keeps its cache.</summary>
internal sealed class OnnxSeq2SeqSession(OnnxSeq2SeqModel model, EncoderRun encoder, DecoderOutputObserver? observer = null) : ISeq2SeqSession
{
    private readonly Dictionary<string, FloatTensor> _past = new(StringComparer.Ordinal);
    private List<List<long>> _tokens = [.. Enumerable.Range(0, encoder.HiddenStates.Rows).Select(_ => new List<long>())];
    private int _fed;
    private EncoderRun _encoder = encoder;
    private bool _firstStep = true;

    /// <summary>The width of the logits, known after the first step (the generator reads it after each step).</summary>
    public int VocabularySize { get; private set; } = -1;

    public float[][] Step(IReadOnlyList<IReadOnlyList<int>> sequences, IReadOnlyList<int>? sourceRows)
    {
        if (sequences.Count != _tokens.Count)
        {
            throw new InvalidOperationException($"The decoder has {_tokens.Count} rows; {sequences.Count} sequences were given.");
        }

        if (sourceRows is not null)
        {
            Reorder(sourceRows);
        }

        _tokens = [.. sequences.Select(s => s.Select(t => (long)t).ToList())];

        var cached = model.Kind != DecoderKind.NoCache;
        var session = model.DecoderFor(_firstStep);
        var inputs = BuildInputs(session, cached);
        using var outputs = RunDecoder(session, inputs);
        observer?.Invoke(outputs, cached ? _fed : 0);
        var logits = ReadLogits(outputs);
        if (cached)
        {
            KeepPresents(outputs);
        }

        _firstStep = false;
        _fed = _tokens[0].Count;
        return logits;
    }

    public void Dispose()
    {
        _past.Clear();
    }

    private float[][] ReadLogits(IDisposableReadOnlyCollection<DisposableNamedOnnxValue> outputs)
    {
        var logits = (outputs.FirstOrDefault(o => o.Name == "logits") ?? throw new ModelLoadException("The decoder has no 'logits' output.")).AsTensor<float>();
        var dims = logits.Dimensions.ToArray();
        var (rows, steps, vocabulary) = (dims[0], dims[1], dims[2]);
        VocabularySize = vocabulary;
        var data = logits.ToArray();
        var result = new float[rows][];
        for (var row = 0; row < rows; row++)
        {
            result[row] = data.AsSpan(((row * steps) + steps - 1) * vocabulary, vocabulary).ToArray();
        }

        return result;
    }

    private List<NamedOnnxValue> BuildInputs(InferenceSession session, bool cached)
    {
        var rows = _tokens.Count;
        // Without a cache the decoder sees the whole sequence; with one, only what it has not seen yet.
        var from = cached ? _fed : 0;
        var length = _tokens[0].Count - from;
        var ids = _tokens.SelectMany(t => t.Skip(from)).ToArray();
        var inputs = new List<NamedOnnxValue> { NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, [rows, length])) };
        var meta = session.InputMetadata;
        if (meta.ContainsKey("encoder_attention_mask"))
        {
            inputs.Add(NamedOnnxValue.CreateFromTensor("encoder_attention_mask", new DenseTensor<long>(_encoder.AttentionMask, [rows, _encoder.SequenceLength])));
        }

        if (meta.ContainsKey("encoder_hidden_states"))
        {
            inputs.Add(NamedOnnxValue.CreateFromTensor("encoder_hidden_states", new DenseTensor<float>(_encoder.HiddenStates.Data, _encoder.HiddenStates.Dimensions)));
        }

        if (meta.ContainsKey("use_cache_branch"))
        {
            inputs.Add(NamedOnnxValue.CreateFromTensor("use_cache_branch", new DenseTensor<bool>(new[] { !_firstStep }, [1])));
        }

        foreach (var (name, dims) in meta.Where(m => m.Key.StartsWith("past_key_values.", StringComparison.Ordinal)).Select(m => (m.Key, m.Value.Dimensions)))
        {
            var past = _past.TryGetValue(name, out var kept) ? kept : EmptyPast(name, dims, rows);
            inputs.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(past.Data, past.Dimensions)));
        }

        return inputs;
    }

    private static IDisposableReadOnlyCollection<DisposableNamedOnnxValue> RunDecoder(InferenceSession session, List<NamedOnnxValue> inputs)
    {
        try
        {
            return session.Run(inputs);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException($"The decoder refused its inputs: {ex.Message} The export's past or input shapes do not match what it was given; use the files of one export (encoder and decoder from the same folder).", ex);
        }
    }

    private static FloatTensor EmptyPast(string name, int[] dims, int rows)
    {
        if (dims.Length != 4 || dims[1] <= 0 || dims[3] <= 0)
        {
            throw new ModelLoadException($"Cannot make an empty cache for '{name}' with dimensions [{string.Join(", ", dims)}]: expected [batch, heads, past, head_dim] with fixed heads and head_dim.");
        }

        return new FloatTensor([], [rows, dims[1], 0, dims[3]]);
    }

    private void KeepPresents(IDisposableReadOnlyCollection<DisposableNamedOnnxValue> outputs)
    {
        foreach (var output in outputs.Where(o => o.Name.StartsWith("present.", StringComparison.Ordinal)))
        {
            var name = DecoderLayout.PastNameOf(output.Name);

            // The encoder's keys and values never change: keep those of the first step (later steps may echo
            // them or return empty tensors).
            if (DecoderLayout.IsEncoderPast(name) && !_firstStep)
            {
                continue;
            }

            var tensor = output.AsTensor<float>();
            var present = new FloatTensor(tensor.ToArray(), tensor.Dimensions.ToArray());
            if (present.Dimensions.Length != 4 || present.Dimensions[0] != _tokens.Count)
            {
                throw new ModelLoadException(
                    $"The decoder output '{output.Name}' has shape [{string.Join(", ", present.Dimensions)}] for {_tokens.Count} rows; expected [rows, heads, length, head_dim]: the past shapes do not match this export's inputs.");
            }

            _past[name] = present;
        }
    }

    private void Reorder(IReadOnlyList<int> sourceRows)
    {
        foreach (var name in _past.Keys.ToList())
        {
            _past[name] = _past[name].Gather(sourceRows);
        }

        // Rows of one input all see the same encoder output, so gathering it keeps it consistent too.
        _encoder = _encoder with
        {
            HiddenStates = _encoder.HiddenStates.Gather(sourceRows),
            AttentionMask = [.. sourceRows.SelectMany(r => _encoder.AttentionMask.AsSpan(r * _encoder.SequenceLength, _encoder.SequenceLength).ToArray())],
        };
    }
}
