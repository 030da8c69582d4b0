using HfPipelines.Tokenization;

namespace HfPipelines.Onnx;

/// <summary>
/// Turns encodings into padded int64 tensors for the graph's inputs (<c>input_ids</c>, <c>attention_mask</c>,
/// <c>token_type_ids</c> when the graph has them), runs the model and splits the outputs per input.
/// Validates at construction that the graph fits the task. Thread-safe.
/// </summary>
internal sealed class EncoderRunner
{
    private static readonly string[] s_knownInputs = ["input_ids", "attention_mask", "token_type_ids", "position_ids"];
    private readonly OnnxModel _model;
    private readonly long _padId;
    private readonly string[] _outputNames;
    private readonly bool[] _hasSequenceAxis;

    public EncoderRunner(OnnxModel model, long padId, string task, IReadOnlyList<OutputRequirement> outputs)
    {
        _model = model;
        _padId = padId;
        ValidateInputs(model, task);
        _outputNames = new string[outputs.Count];
        _hasSequenceAxis = new bool[outputs.Count];
        for (var i = 0; i < outputs.Count; i++)
        {
            var info = ResolveOutput(model, task, outputs[i]);
            _outputNames[i] = info.Name;
            _hasSequenceAxis[i] = info.Dimensions.Count >= 2 && info.Dimensions[1] < 0;
        }
    }

    public OnnxModel Model => _model;

    public IReadOnlyList<EncoderOutput> Run(IReadOnlyList<TokenEncoding> batch)
    {
        var sequence = batch.Max(e => e.Length);
        var inputs = new List<(string, long[])>(3);
        foreach (var name in _model.InputNames)
        {
            inputs.Add((name, Fill(batch, sequence, name)));
        }

        var raw = _model.Run(inputs, batch.Count, sequence, _outputNames);
        var results = new EncoderOutput[batch.Count];
        for (var b = 0; b < batch.Count; b++)
        {
            var outputs = new OutputTensor[raw.Length];
            for (var o = 0; o < raw.Length; o++)
            {
                outputs[o] = Slice(raw[o], b, sequence, batch[b].Length, _hasSequenceAxis[o]);
            }

            results[b] = new EncoderOutput(batch[b], outputs);
        }

        return results;
    }

    private long[] Fill(IReadOnlyList<TokenEncoding> batch, int sequence, string name)
    {
        var data = new long[batch.Count * sequence];
        for (var b = 0; b < batch.Count; b++)
        {
            var e = batch[b];
            var row = data.AsSpan(b * sequence, sequence);
            for (var t = 0; t < sequence; t++)
            {
                row[t] = name switch
                {
                    "input_ids" => t < e.Length ? e.Ids[t] : _padId,
                    "attention_mask" => t < e.Length ? e.AttentionMask[t] : 0,
                    "token_type_ids" => t < e.Length ? e.TypeIds[t] : 0,
                    _ => t,
                };
            }
        }

        return data;
    }

    private static OutputTensor Slice((float[] Data, long[] Shape) raw, int item, int sequence, int length, bool sequenceAxis)
    {
        var shape = raw.Shape.Skip(1).Select(d => (int)d).ToArray();
        var itemSize = shape.Aggregate(1, (a, d) => a * d);
        var start = item * itemSize;
        if (raw.Shape[0] == 1 && !(sequenceAxis && shape.Length >= 1 && shape[0] == sequence && length < sequence))
        {
            return new OutputTensor(raw.Data, shape);
        }

        if (sequenceAxis && shape.Length >= 1 && shape[0] == sequence && length < sequence)
        {
            itemSize = itemSize / sequence * length;
            shape[0] = length;
        }

        return new OutputTensor(raw.Data.AsSpan(start, itemSize).ToArray(), shape);
    }

    private static void ValidateInputs(OnnxModel model, string task)
    {
        if (!model.HasInput("input_ids"))
        {
            throw new ModelLoadException($"The ONNX graph '{model.Path}' has no 'input_ids' input (it has: {string.Join(", ", model.InputNames)}), so it is not a text encoder for {task}. Export the model with optimum for this task.");
        }

        foreach (var input in model.Inputs.Values)
        {
            if (!s_knownInputs.Contains(input.Name))
            {
                throw new ModelLoadException($"The ONNX graph '{model.Path}' takes an input '{input.Name}' that {task} cannot fill; a text encoder takes {string.Join(", ", s_knownInputs)}. Export the model without past key values or extra inputs.");
            }

            if (input.ElementType != "Int64" || input.Dimensions.Count != 2)
            {
                throw new ModelLoadException($"The ONNX graph input '{input.Name}' of '{model.Path}' is {input.ElementType} of rank {input.Dimensions.Count}; {task} needs int64 [batch, sequence].");
            }
        }
    }

    private static OnnxTensorInfo ResolveOutput(OnnxModel model, string task, OutputRequirement requirement)
    {
        var info = model.Outputs.TryGetValue(requirement.Name, out var named) ? named
            : model.Outputs.Count == 1 ? model.Outputs.Values.First()
            : throw new ModelLoadException($"The ONNX graph '{model.Path}' has no '{requirement.Name}' output for {task} (it has: {string.Join(", ", model.OutputNames)}). Export the model with optimum for the {task} task.");
        if (info.ElementType != "Float" || (info.Dimensions.Count > 0 && !requirement.Ranks.Contains(info.Dimensions.Count)))
        {
            throw new ModelLoadException($"The ONNX graph output '{info.Name}' of '{model.Path}' is {info.ElementType} of rank {info.Dimensions.Count}; {task} needs float of rank {string.Join(" or ", requirement.Ranks)}. Export the model with optimum for the {task} task.");
        }

        return info;
    }
}
