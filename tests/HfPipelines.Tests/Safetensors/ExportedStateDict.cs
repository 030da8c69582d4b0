using System.Runtime.InteropServices;
using HfPipelines.Safetensors.Onnx;

namespace HfPipelines.Tests.Safetensors;

/// <summary>
/// Recovers a Hugging Face state dict from a PyTorch ONNX export of a BERT (the pyoracle exports): initializers keep
/// their parameter names under the wrapper's <c>m.</c> prefix; parameters deduplicated by the exporter are Identity
/// aliases; linear weights feeding a MatMul are stored transposed ([in, out]) under generated names, and are named
/// back from the MatMul's output path (<c>/m/bert/encoder/layer.0/attention/self/query/MatMul_output_0</c>).
/// </summary>
internal static class ExportedStateDict
{
    public static Dictionary<string, (long[] Shape, float[] Values)> Read(string onnxPath)
    {
        using var stream = File.OpenRead(onnxPath);
        var graph = ModelProto.Parser.ParseFrom(stream).Graph;
        var initializers = graph.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Float).ToDictionary(t => t.Name, t => (t.Dims.ToArray(), Values(t)));
        var state = initializers.Where(p => p.Key.StartsWith("m.", StringComparison.Ordinal)).ToDictionary(p => p.Key[2..], p => p.Value);
        foreach (var node in graph.Node)
        {
            if (node.OpType == "Identity" && initializers.TryGetValue(node.Input[0], out var aliased) && node.Output[0].StartsWith("m.", StringComparison.Ordinal))
            {
                state[node.Output[0][2..]] = aliased;
            }
            else if (node.OpType == "MatMul" && initializers.TryGetValue(node.Input[1], out var weight) && !node.Input[1].StartsWith("m.", StringComparison.Ordinal)
                && node.Output[0].StartsWith("/m/", StringComparison.Ordinal) && node.Output[0].EndsWith("/MatMul_output_0", StringComparison.Ordinal))
            {
                var name = node.Output[0]["/m/".Length..^"/MatMul_output_0".Length].Replace('/', '.') + ".weight";
                state[name] = ([weight.Item1[1], weight.Item1[0]], Transpose(weight.Item2, (int)weight.Item1[0], (int)weight.Item1[1]));
            }
        }

        return state;
    }

    private static float[] Values(TensorProto tensor) =>
        tensor.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray() : [.. tensor.FloatData];

    private static float[] Transpose(float[] values, int rows, int columns)
    {
        var result = new float[values.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                result[(c * rows) + r] = values[(r * columns) + c];
            }
        }

        return result;
    }
}
