namespace HfPipelines.Onnx;

/// <summary>What the graph declares for one input or output.</summary>
/// <param name="Name">The name.</param>
/// <param name="ElementType">The element type as ONNX Runtime names it (e.g. <c>Int64</c>, <c>Float</c>).</param>
/// <param name="Dimensions">The dimensions; -1 for a symbolic one (batch, sequence).</param>
public sealed record OnnxTensorInfo(string Name, string ElementType, IReadOnlyList<int> Dimensions);
