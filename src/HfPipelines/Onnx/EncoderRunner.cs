using HfPipelines.Tokenization;
using Microsoft.ML.OnnxRuntime;

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
    private readonly string[] _inputNames;
    private readonly InputKind[] _inputKinds;
    private readonly string[] _outputNames;
    private readonly bool[] _hasSequenceAxis;

    public EncoderRunner(OnnxModel model, long padId, string task, IReadOnlyList<OutputRequirement> outputs)
    {
        _model = model;
        _padId = padId;
        ValidateInputs(model, task);
        _inputNames = [.. model.InputNames];
        _inputKinds = [.. _inputNames.Select(n => n switch
        {
            "input_ids" => InputKind.Ids,
            "attention_mask" => InputKind.AttentionMask,
            "token_type_ids" => InputKind.TypeIds,
            _ => InputKind.Positions,
        })];
        _outputNames = new string[outputs.Count];
        _hasSequenceAxis = new bool[outputs.Count];
        for (var i = 0; i < outputs.Count; i++)
        {
            var info = ResolveOutput(model, task, outputs[i]);
            _outputNames[i] = info.Name;
            _hasSequenceAxis[i] = info.Dimensions.Count >= 2 && info.Dimensions[1] < 0;
        }
    }

    private enum InputKind
    {
        Ids,
        AttentionMask,
        TypeIds,
        Positions,
    }

    public OnnxModel Model => _model;

    /// <summary>Runs one padded batch (padded to its longest encoding) and gives each encoding its outputs.</summary>
    public EncoderOutput[] Run(IReadOnlyList<TokenEncoding> batch)
    {
        var sequence = 0;
        foreach (var e in batch)
        {
            sequence = Math.Max(sequence, e.Length);
        }

        long[] shape = [batch.Count, sequence];
        var values = new OrtValue[_inputNames.Length];
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = OrtValue.CreateTensorValueFromMemory(Fill(batch, sequence, _inputKinds[i]), shape);
            }

            // Each item's rows are copied straight out of the output tensors (no copy of the whole batch first).
            return _model.Run(_inputNames, values, _outputNames, (Runner: this, Batch: batch, Sequence: sequence), static (state, results) =>
            {
                var (runner, batch, sequence) = state;
                var shapes = new long[results.Count][];
                for (var o = 0; o < shapes.Length; o++)
                {
                    shapes[o] = results[o].GetTensorTypeAndShape().Shape;
                }

                var outputs = new EncoderOutput[batch.Count];
                for (var b = 0; b < outputs.Length; b++)
                {
                    var tensors = new OutputTensor[results.Count];
                    for (var o = 0; o < tensors.Length; o++)
                    {
                        tensors[o] = Slice(results[o].GetTensorDataAsSpan<float>(), shapes[o], b, sequence, batch[b].Length, runner._hasSequenceAxis[o]);
                    }

                    outputs[b] = new EncoderOutput(batch[b], tensors);
                }

                return outputs;
            });
        }
        finally
        {
            foreach (var value in values)
            {
                value?.Dispose();
            }
        }
    }

    private long[] Fill(IReadOnlyList<TokenEncoding> batch, int sequence, InputKind kind)
    {
        var data = new long[batch.Count * sequence];
        for (var b = 0; b < batch.Count; b++)
        {
            var e = batch[b];
            var row = data.AsSpan(b * sequence, sequence);
            var source = kind switch
            {
                InputKind.Ids => e.Ids,
                InputKind.AttentionMask => e.AttentionMask,
                InputKind.TypeIds => e.TypeIds,
                _ => null,
            };
            if (source is null)
            {
                for (var t = 0; t < sequence; t++)
                {
                    row[t] = t;
                }

                continue;
            }

            for (var t = 0; t < e.Length; t++)
            {
                row[t] = source[t];
            }

            // Padding: the pad id for ids, 0 for the mask and type ids (the array starts zeroed).
            if (kind == InputKind.Ids && _padId != 0)
            {
                row[e.Length..].Fill(_padId);
            }
        }

        return data;
    }

    /// <summary>One item's part of an output: its rows, cut to its own length when the output has a sequence axis.</summary>
    private static OutputTensor Slice(ReadOnlySpan<float> data, long[] rawShape, int item, int sequence, int length, bool sequenceAxis)
    {
        if (rawShape.Length == 0)
        {
            return new OutputTensor(data.ToArray(), []);
        }

        var shape = new int[rawShape.Length - 1];
        var itemSize = 1;
        for (var d = 0; d < shape.Length; d++)
        {
            shape[d] = (int)rawShape[d + 1];
            itemSize *= shape[d];
        }

        var start = item * itemSize;
        if (sequenceAxis && shape.Length >= 1 && shape[0] == sequence && length < sequence)
        {
            itemSize = itemSize / sequence * length;
            shape[0] = length;
        }
        else if (rawShape[0] == 1)
        {
            // A batch of one: the whole output (as it was before, even when its first dimension is not the batch).
            return new OutputTensor(data.ToArray(), shape);
        }

        return new OutputTensor(data.Slice(start, itemSize).ToArray(), shape);
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
