using HfPipelines.Safetensors.Onnx;
using static HfPipelines.Safetensors.Graph.OnnxGraphWriter;

namespace HfPipelines.Safetensors.Graph;

/// <summary>MPNet's relative position bias, computed once and added to every layer's attention scores.</summary>
internal sealed partial class EncoderGraph
{
    // transformers' MPNetEncoder.compute_position_bias calls relative_position_bucket with 32 buckets, distance 128.
    private const int BucketsHalf = 16;
    private const int MaxExact = 8;
    private const float MaxDistance = 128;

    /// <summary>
    /// [1, heads, S, S]: relative_attention_bias[bucket(key - query)], with transformers' relative_position_bucket:
    /// n = query - key; 16 if n &lt; 0; then |n| when under 8, else 8 + trunc(log(|n| / 8) / log(16) * 8), at most 15.
    /// </summary>
    private string RelativePositionBias()
    {
        const string scope = "/encoder/relative_attention_bias";
        var table = w.BasePrefix + "encoder.relative_attention_bias.weight";
        var tableName = g.Weight(table, w.Read(table, c.RelativeBuckets, c.Heads), c.RelativeBuckets, c.Heads);
        var length = g.Node("Gather", scope + "/Length", [g.Node("Shape", scope + "/Shape", ["input_ids"]), g.Int64s(scope + "/one", [1])], Int("axis", 0));
        var positions = g.Node("Range", scope + "/Range", [g.Int64s(scope + "/zero", [0]), length, g.Int64s(scope + "/step", [1])]);
        var query = g.Node("Unsqueeze", scope + "/Query", [positions], Ints("axes", 1));
        var key = g.Node("Unsqueeze", scope + "/Key", [positions], Ints("axes", 0));
        var n = g.Node("Sub", scope + "/N", [query, key]);
        var zero = g.Int64s(scope + "/zero_scalar", [0]);
        var negative = g.Node("Cast", scope + "/Negative", [g.Node("Less", scope + "/Less", [n, zero])], Int("to", (long)TensorProto.Types.DataType.Int64));
        var offset = g.Node("Mul", scope + "/Offset", [negative, g.Int64s(scope + "/half", [BucketsHalf])]);
        var distance = g.Node("Abs", scope + "/Abs", [n]);
        var small = g.Node("Less", scope + "/Small", [distance, g.Int64s(scope + "/max_exact", [MaxExact])]);
        var asFloat = g.Node("Max", scope + "/AtLeastOne", [g.Node("Cast", scope + "/Float", [distance], Int("to", (long)TensorProto.Types.DataType.Float)), g.Scalar(scope + "/one_float", 1f)]);
        var logScaled = g.Node("Log", scope + "/Log", [g.Node("Div", scope + "/Div", [asFloat, g.Scalar(scope + "/max_exact_float", MaxExact)])]);
        logScaled = g.Node("Div", scope + "/DivLog", [logScaled, g.Scalar(scope + "/log_ratio", MathF.Log(MaxDistance / MaxExact))]);
        logScaled = g.Node("Mul", scope + "/Scale", [logScaled, g.Scalar(scope + "/range", BucketsHalf - MaxExact)]);
        var large = g.Node("Add", scope + "/Large", [g.Node("Cast", scope + "/Truncate", [logScaled], Int("to", (long)TensorProto.Types.DataType.Int64)), g.Int64s(scope + "/max_exact_long", [MaxExact])]);
        large = g.Node("Min", scope + "/Clamp", [large, g.Int64s(scope + "/last", [BucketsHalf - 1])]);
        var bucket = g.Node("Add", scope + "/Bucket", [offset, g.Node("Where", scope + "/Where", [small, distance, large])]);
        var values = g.Node("Gather", scope + "/Gather", [tableName, bucket], Int("axis", 0));
        var perHead = g.Node("Transpose", scope + "/Transpose", [values], Ints("perm", 2, 0, 1));
        return g.Node("Unsqueeze", scope + "/Unsqueeze", [perHead], Ints("axes", 0));
    }
}
