using HfPipelines.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HfPipelines.Seq2Seq.Onnx;

/// <summary>The encoder's output for a batch: hidden states and the attention mask, one row per decoder row.</summary>
internal sealed record EncoderRun(FloatTensor HiddenStates, long[] AttentionMask, int SequenceLength)
{
    public static EncoderRun Run(OnnxSession encoder, long[][] inputIds, long[][] attentionMask)
    {
        var batch = inputIds.Length;
        var length = batch == 0 ? 0 : inputIds[0].Length;
        if (batch == 0 || length == 0 || inputIds.Any(r => r.Length != length) || attentionMask.Length != batch || attentionMask.Any(r => r.Length != length))
        {
            throw new InvalidPipelineInputException("The encoder needs a non-empty batch of equally long (padded) rows of ids and attention mask.");
        }

        var mask = attentionMask.SelectMany(r => r).ToArray();
        using var ids = OrtValue.CreateTensorValueFromMemory(inputIds.SelectMany(r => r).ToArray(), [batch, length]);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, [batch, length]);
        var (names, values) = encoder.InputMetadata.ContainsKey("attention_mask")
            ? (new[] { "input_ids", "attention_mask" }, new[] { ids, maskValue })
            : (["input_ids"], [ids]);
        return new EncoderRun(Hidden(encoder, names, values), mask, length);
    }

    public static EncoderRun RunFeatures(OnnxSession encoder, float[] features, int[] dimensions)
    {
        if (dimensions.Length < 2 || dimensions.Aggregate(1L, (a, d) => a * d) != features.Length)
        {
            throw new InvalidPipelineInputException($"Audio features of {features.Length} values do not fill the shape [{string.Join(", ", dimensions)}].");
        }

        OnnxFiles.RequireInputs(encoder, "encoder_model.onnx", "input_features");
        using var input = OrtValue.CreateTensorValueFromMemory(features, [.. dimensions.Select(d => (long)d)]);
        var hidden = Hidden(encoder, ["input_features"], [input]);
        var dims = hidden.Dimensions;
        var mask = Enumerable.Repeat(1L, dims[0] * dims[1]).ToArray();
        return new EncoderRun(hidden, mask, dims[1]);
    }

    /// <summary>Runs the encoder and copies out <c>last_hidden_state</c> (or its first output).</summary>
    private static FloatTensor Hidden(OnnxSession encoder, string[] names, OrtValue[] values)
    {
        var output = encoder.OutputMetadata.ContainsKey("last_hidden_state") ? "last_hidden_state" : encoder.OutputNames[0];
        return encoder.Run(names, values, [output], 0, static (_, results) =>
        {
            var shape = results[0].GetTensorTypeAndShape().Shape;
            return new FloatTensor(results[0].GetTensorDataAsSpan<float>().ToArray(), [.. shape.Select(d => (int)d)]);
        });
    }

    /// <summary>Repeats each input's row once per beam (rows of one input stay together).</summary>
    public EncoderRun Expand(int beams)
    {
        if (beams == 1)
        {
            return this;
        }

        var rows = Enumerable.Range(0, HiddenStates.Rows).SelectMany(r => Enumerable.Repeat(r, beams)).ToList();
        var mask = rows.SelectMany(r => AttentionMask.AsSpan(r * SequenceLength, SequenceLength).ToArray()).ToArray();
        return new EncoderRun(HiddenStates.Gather(rows), mask, SequenceLength);
    }
}
