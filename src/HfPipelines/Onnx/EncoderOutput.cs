using HfPipelines.Tokenization;

namespace HfPipelines.Onnx;

/// <summary>The model outputs of one encoded input, with the encoding they came from.</summary>
/// <param name="Encoding">The encoding that was run (unpadded).</param>
/// <param name="Outputs">The outputs, in the order the task asked for them.</param>
public sealed record EncoderOutput(TokenEncoding Encoding, IReadOnlyList<OutputTensor> Outputs)
{
    /// <summary>The first (often only) output.</summary>
    public OutputTensor First => Outputs[0];
}
