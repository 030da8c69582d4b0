using HfPipelines.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HfPipelines.Seq2Seq.Onnx;

/// <summary>
/// One generation over an <see cref="OnnxSeq2SeqModel"/>: feeds the decoder and keeps its cache. The cache stays in
/// the native <see cref="OrtValue"/>s the decoder returned: a step's present outputs are the next step's past inputs,
/// never copied to managed memory (beam search gathers rows natively when it reorders). Rows come in groups of
/// <paramref name="rowsPerInput"/> (the beams of one input), which share the encoder's output: a reorder within the
/// groups leaves the encoder's hidden states and cross-attention keys and values as they are.
/// </summary>
internal sealed class OnnxSeq2SeqSession(OnnxSeq2SeqModel model, EncoderRun encoder, DecoderOutputObserver? observer = null, int rowsPerInput = 1) : ISeq2SeqSession
{
    private readonly Dictionary<string, OrtValue> _past = new(StringComparer.Ordinal);
    private readonly RunOptions _runOptions = new();
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
        var outputNames = session.OutputNames;
        IDisposableReadOnlyCollection<OrtValue> outputs;
        try
        {
            outputs = RunDecoder(session, inputs, outputNames);
        }
        catch
        {
            inputs.DisposeOwned();
            throw;
        }

        var kept = new HashSet<OrtValue>(ReferenceEqualityComparer.Instance);
        try
        {
            observer?.Invoke(outputNames, outputs, cached ? _fed : 0);
            var logits = ReadLogits(outputNames, outputs);
            if (cached)
            {
                KeepPresents(outputNames, outputs, kept);
            }

            _firstStep = false;
            _fed = _tokens[0].Count;
            return logits;
        }
        finally
        {
            // The kept presents now belong to _past; the rest of the outputs and this step's own inputs go.
            foreach (var output in outputs.Where(o => !kept.Contains(o)))
            {
                output.Dispose();
            }

            inputs.DisposeOwned();
        }
    }

    public void Dispose()
    {
        foreach (var past in _past.Values)
        {
            past.Dispose();
        }

        _past.Clear();
        _runOptions.Dispose();
    }

    private float[][] ReadLogits(IReadOnlyList<string> names, IReadOnlyList<OrtValue> outputs)
    {
        var index = IndexOf(names, "logits");
        if (index < 0)
        {
            throw new ModelLoadException("The decoder has no 'logits' output.");
        }

        var shape = outputs[index].GetTensorTypeAndShape().Shape;
        var (rows, steps, vocabulary) = ((int)shape[0], (int)shape[1], (int)shape[2]);
        VocabularySize = vocabulary;
        var data = outputs[index].GetTensorDataAsSpan<float>();
        var result = new float[rows][];
        for (var row = 0; row < rows; row++)
        {
            result[row] = data.Slice(((row * steps) + steps - 1) * vocabulary, vocabulary).ToArray();
        }

        return result;
    }

    private DecoderInputs BuildInputs(OnnxSession session, bool cached)
    {
        var rows = _tokens.Count;
        var inputs = new DecoderInputs();
        try
        {
            // Without a cache the decoder sees the whole sequence; with one, only what it has not seen yet.
            var from = cached ? _fed : 0;
            var length = _tokens[0].Count - from;
            var ids = _tokens.SelectMany(t => t.Skip(from)).ToArray();
            inputs.AddOwned("input_ids", OrtValue.CreateTensorValueFromMemory(ids, [rows, length]));
            var meta = session.InputMetadata;
            if (meta.ContainsKey("encoder_attention_mask"))
            {
                inputs.AddOwned("encoder_attention_mask", OrtValue.CreateTensorValueFromMemory(_encoder.AttentionMask, [rows, _encoder.SequenceLength]));
            }

            if (meta.ContainsKey("encoder_hidden_states"))
            {
                inputs.AddOwned("encoder_hidden_states", OrtValue.CreateTensorValueFromMemory(_encoder.HiddenStates.Data, [.. _encoder.HiddenStates.Dimensions.Select(d => (long)d)]));
            }

            if (meta.ContainsKey("use_cache_branch"))
            {
                inputs.AddOwned("use_cache_branch", OrtValue.CreateTensorValueFromMemory(new[] { !_firstStep }, [1]));
            }

            foreach (var (name, dims) in meta.Where(m => m.Key.StartsWith("past_key_values.", StringComparison.Ordinal)).Select(m => (m.Key, m.Value.Dimensions)))
            {
                if (_past.TryGetValue(name, out var kept))
                {
                    inputs.AddBorrowed(name, kept);
                }
                else
                {
                    inputs.AddOwned(name, EmptyPast(name, dims, rows));
                }
            }

            return inputs;
        }
        catch
        {
            inputs.DisposeOwned();
            throw;
        }
    }

    private IDisposableReadOnlyCollection<OrtValue> RunDecoder(OnnxSession session, DecoderInputs inputs, IReadOnlyList<string> outputNames)
    {
        try
        {
            return session.Run(_runOptions, inputs.Names, inputs.Values, [.. outputNames]);
        }
        catch (InferenceException ex)
        {
            throw new InferenceException($"{ex.Message} The export's past or input shapes do not match what the decoder was given; use the files of one export (encoder and decoder from the same folder).", ex);
        }
    }

    private static OrtValue EmptyPast(string name, int[] dims, int rows)
    {
        if (dims.Length != 4 || dims[1] <= 0 || dims[3] <= 0)
        {
            throw new ModelLoadException($"Cannot make an empty cache for '{name}' with dimensions [{string.Join(", ", dims)}]: expected [batch, heads, past, head_dim] with fixed heads and head_dim.");
        }

        return OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, [rows, dims[1], 0, dims[3]]);
    }

    private void KeepPresents(IReadOnlyList<string> names, IReadOnlyList<OrtValue> outputs, HashSet<OrtValue> kept)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (!names[i].StartsWith("present.", StringComparison.Ordinal))
            {
                continue;
            }

            var name = DecoderLayout.PastNameOf(names[i]);

            // The encoder's keys and values never change: keep those of the first step (later steps may echo
            // them or return empty tensors).
            if (DecoderLayout.IsEncoderPast(name) && !_firstStep)
            {
                continue;
            }

            var shape = outputs[i].GetTensorTypeAndShape().Shape;
            if (shape.Length != 4 || shape[0] != _tokens.Count)
            {
                throw new ModelLoadException(
                    $"The decoder output '{names[i]}' has shape [{string.Join(", ", shape)}] for {_tokens.Count} rows; expected [rows, heads, length, head_dim]: the past shapes do not match this export's inputs.");
            }

            kept.Add(outputs[i]);
            if (_past.Remove(name, out var previous))
            {
                previous.Dispose();
            }

            _past[name] = outputs[i];
        }
    }

    private void Reorder(IReadOnlyList<int> sourceRows)
    {
        var identity = true;
        var withinInputs = true;
        for (var row = 0; row < sourceRows.Count; row++)
        {
            identity &= sourceRows[row] == row;
            withinInputs &= sourceRows[row] / rowsPerInput == row / rowsPerInput;
        }

        if (identity)
        {
            return;
        }

        foreach (var name in _past.Keys.ToList())
        {
            // The encoder's keys and values are the same for every row of one input: moving rows within an input
            // leaves them unchanged (for Whisper they are most of the cache: 1,500 frames per layer and row).
            if (withinInputs && DecoderLayout.IsEncoderPast(name))
            {
                continue;
            }

            var gathered = Gather(_past[name], sourceRows);
            _past[name].Dispose();
            _past[name] = gathered;
        }

        if (withinInputs)
        {
            return;
        }

        // Rows of one input all see the same encoder output, so gathering it keeps it consistent too.
        _encoder = _encoder with
        {
            HiddenStates = _encoder.HiddenStates.Gather(sourceRows),
            AttentionMask = [.. sourceRows.SelectMany(r => _encoder.AttentionMask.AsSpan(r * _encoder.SequenceLength, _encoder.SequenceLength).ToArray())],
        };
    }

    /// <summary>A new native tensor of the given rows (first-dimension slices) of <paramref name="source"/>.</summary>
    private static OrtValue Gather(OrtValue source, IReadOnlyList<int> rows)
    {
        var shape = source.GetTensorTypeAndShape().Shape;
        var rowSize = (int)shape.Skip(1).Aggregate(1L, (a, d) => a * d);
        shape[0] = rows.Count;
        var target = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, shape);
        var from = source.GetTensorDataAsSpan<float>();
        var to = target.GetTensorMutableDataAsSpan<float>();
        for (var i = 0; i < rows.Count; i++)
        {
            from.Slice(rows[i] * rowSize, rowSize).CopyTo(to.Slice(i * rowSize, rowSize));
        }

        return target;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
