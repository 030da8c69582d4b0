using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HfPipelines.Seq2Seq.Onnx;

/// <summary>The encoder's output for a batch: hidden states and the attention mask, one row per decoder row.</summary>
internal sealed record EncoderRun(FloatTensor HiddenStates, long[] AttentionMask, int SequenceLength)
{
    public static EncoderRun Run(InferenceSession encoder, long[][] inputIds, long[][] attentionMask)
    {
        var batch = inputIds.Length;
        var length = batch == 0 ? 0 : inputIds[0].Length;
        if (batch == 0 || length == 0 || inputIds.Any(r => r.Length != length) || attentionMask.Length != batch || attentionMask.Any(r => r.Length != length))
        {
            throw new InvalidPipelineInputException("The encoder needs a non-empty batch of equally long (padded) rows of ids and attention mask.");
        }

        var ids = new DenseTensor<long>(inputIds.SelectMany(r => r).ToArray(), [batch, length]);
        var mask = attentionMask.SelectMany(r => r).ToArray();
        var inputs = new List<NamedOnnxValue> { NamedOnnxValue.CreateFromTensor("input_ids", ids) };
        if (encoder.InputMetadata.ContainsKey("attention_mask"))
        {
            inputs.Add(NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, [batch, length])));
        }

        using var outputs = encoder.Run(inputs);
        var hidden = outputs.FirstOrDefault(o => o.Name == "last_hidden_state") ?? outputs.First();
        var tensor = hidden.AsTensor<float>();
        return new EncoderRun(new FloatTensor(tensor.ToArray(), tensor.Dimensions.ToArray()), mask, length);
    }

    public static EncoderRun RunFeatures(InferenceSession encoder, float[] features, int[] dimensions)
    {
        if (dimensions.Length < 2 || dimensions.Aggregate(1L, (a, d) => a * d) != features.Length)
        {
            throw new InvalidPipelineInputException($"Audio features of {features.Length} values do not fill the shape [{string.Join(", ", dimensions)}].");
        }

        OnnxFiles.RequireInputs(encoder, "encoder_model.onnx", "input_features");
        var inputs = new List<NamedOnnxValue> { NamedOnnxValue.CreateFromTensor("input_features", new DenseTensor<float>(features, dimensions)) };
        using var outputs = encoder.Run(inputs);
        var hidden = (outputs.FirstOrDefault(o => o.Name == "last_hidden_state") ?? outputs.First()).AsTensor<float>();
        var dims = hidden.Dimensions.ToArray();
        var mask = Enumerable.Repeat(1L, dims[0] * dims[1]).ToArray();
        return new EncoderRun(new FloatTensor(hidden.ToArray(), dims), mask, dims[1]);
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
