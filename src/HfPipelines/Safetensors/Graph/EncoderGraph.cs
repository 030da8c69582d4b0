using HfPipelines.Safetensors.Onnx;
using static HfPipelines.Safetensors.Graph.OnnxGraphWriter;

namespace HfPipelines.Safetensors.Graph;

/// <summary>
/// Writes an encoder's embeddings and layers as ONNX nodes, in the shapes PyTorch's exporter gives a BERT (so ONNX
/// Runtime's fusions apply: LayerNormalization, SkipLayerNormalization, Gelu/BiasGelu, Attention): linear layers as
/// MatMul (weight transposed to [in, out]) + Add of the bias, attention with reshape shapes [0, 0, heads, head size]
/// and the additive mask (1 - mask) * -10000.
/// </summary>
internal sealed partial class EncoderGraph(OnnxGraphWriter g, EncoderWeights w, EncoderConfig c)
{
    private const string Batch = "batch_size";
    private const string Sequence = "sequence_length";

    /// <summary>Declares the inputs, writes embeddings and layers; returns the last hidden state.</summary>
    public string Encoder()
    {
        g.Input("input_ids", TensorProto.Types.DataType.Int64, Batch, Sequence);
        g.Input("attention_mask", TensorProto.Types.DataType.Int64, Batch, Sequence);
        var hasTypes = c.ModelType == "bert";
        if (hasTypes)
        {
            g.Input("token_type_ids", TensorProto.Types.DataType.Int64, Batch, Sequence);
        }

        var hidden = Embeddings(hasTypes);
        var mask = MaskBias();
        var positionBias = c.IsMpnet ? RelativePositionBias() : null;
        for (var i = 0; i < c.Layers; i++)
        {
            hidden = Layer(i, hidden, mask, positionBias);
        }

        return hidden;
    }

    private string Embeddings(bool hasTypes)
    {
        const string scope = "/embeddings";
        var words = g.Node("Gather", scope + "/word_embeddings/Gather", [Table("embeddings.word_embeddings.weight", -1), "input_ids"]);
        var positionTable = Table("embeddings.position_embeddings.weight", c.MaxPositions);
        var positions = g.Node("Gather", scope + "/position_embeddings/Gather", [positionTable, c.PositionsFromPadding ? PaddingPositions(scope) : CountedPositions(scope)]);
        var sum = words;
        if (hasTypes)
        {
            var types = g.Node("Gather", scope + "/token_type_embeddings/Gather", [Table("embeddings.token_type_embeddings.weight", c.TypeVocabSize), "token_type_ids"]);
            sum = g.Node("Add", scope + "/Add", [sum, types]);
        }
        else if (c.IsRoberta && w.HasBase("embeddings.token_type_embeddings.weight"))
        {
            // RoBERTa's token_type_ids are all zero: its row 0 is a constant added to every position.
            var table = w.ReadBase("embeddings.token_type_embeddings.weight", -1, c.HiddenSize);
            sum = g.Node("Add", scope + "/Add", [sum, g.Weight("embeddings.token_type_embeddings.row0", table.AsSpan(0, c.HiddenSize), c.HiddenSize)]);
        }

        sum = g.Node("Add", scope + "/Add_1", [sum, positions]);
        return LayerNorm(scope + "/LayerNorm", sum, "embeddings.LayerNorm");
    }

    /// <summary>Positions 0..S-1 as [1, S]: a slice of the constant [0..max) by the input's length (as the export has it).</summary>
    private string CountedPositions(string scope)
    {
        var all = g.Int64s("position_ids", [.. Enumerable.Range(0, c.MaxPositions).Select(i => (long)i)], 1, c.MaxPositions);
        var shape = g.Node("Shape", scope + "/Shape", ["input_ids"]);
        var length = g.Node("Gather", scope + "/Gather", [shape, g.Int64s(scope + "/one", [1], 1)], Int("axis", 0));
        return g.Node("Slice", scope + "/Slice", [all, g.Int64s(scope + "/zero", [0], 1), length, g.Int64s(scope + "/axis", [1], 1)]);
    }

    /// <summary>RoBERTa's positions: cumsum(input_ids != pad) * (input_ids != pad) + pad (create_position_ids_from_input_ids).</summary>
    private string PaddingPositions(string scope)
    {
        var pad = g.Int64s(scope + "/pad", [c.PositionPadding]);
        var notPad = g.Node("Not", scope + "/Not", [g.Node("Equal", scope + "/Equal", ["input_ids", pad])]);
        var mask = g.Node("Cast", scope + "/Cast", [notPad], Int("to", (long)TensorProto.Types.DataType.Int64));
        var counted = g.Node("CumSum", scope + "/CumSum", [mask, g.Int64s(scope + "/axis", [1])]);
        return g.Node("Add", scope + "/Add_pad", [g.Node("Mul", scope + "/Mul", [counted, mask]), pad]);
    }

    /// <summary>The additive attention mask [B, 1, 1, S]: (1 - mask) * -10000.</summary>
    private string MaskBias()
    {
        const string scope = "/mask";
        var unsqueezed = g.Node("Unsqueeze", scope + "/Unsqueeze", ["attention_mask"], Ints("axes", 1));
        unsqueezed = g.Node("Unsqueeze", scope + "/Unsqueeze_1", [unsqueezed], Ints("axes", 2));
        var cast = g.Node("Cast", scope + "/Cast", [unsqueezed], Int("to", (long)TensorProto.Types.DataType.Float));
        var inverted = g.Node("Sub", scope + "/Sub", [g.Scalar(scope + "/one", 1f), cast]);
        return g.Node("Mul", scope + "/Mul", [inverted, g.Scalar(scope + "/min", -10000f)]);
    }

    private string Layer(int i, string x, string mask, string? positionBias)
    {
        var names = LayerNames.For(c, i);
        var scope = $"/encoder/layer.{i}";
        var context = SelfAttention(scope + "/attention/self", x, mask, positionBias, names);
        var attended = Linear(scope + "/attention/output/dense", context, names.AttentionOutput, c.HiddenSize, c.HiddenSize);
        attended = g.Node("Add", scope + "/attention/output/Add", [attended, x]);
        attended = LayerNorm(scope + "/attention/output/LayerNorm", attended, names.AttentionNorm);
        var inner = Linear(scope + "/intermediate/dense", attended, names.FeedForwardIn, c.HiddenSize, c.IntermediateSize);
        inner = EncoderActivation.Write(g, scope + "/intermediate/act", inner, c.Activation);
        var output = Linear(scope + "/output/dense", inner, names.FeedForwardOut, c.IntermediateSize, c.HiddenSize);
        output = g.Node("Add", scope + "/output/Add", [output, attended]);
        return LayerNorm(scope + "/output/LayerNorm", output, names.OutputNorm);
    }

    private string SelfAttention(string scope, string x, string mask, string? positionBias, LayerNames names)
    {
        var headShape = g.Int64s(scope + "/head_shape", [0, 0, c.Heads, c.HeadSize], 4);
        string Heads(string name, string weight, long[] perm)
        {
            var projected = Linear($"{scope}/{name}", x, weight, c.HiddenSize, c.HiddenSize);
            var reshaped = g.Node("Reshape", $"{scope}/{name}/Reshape", [projected, headShape]);
            return g.Node("Transpose", $"{scope}/{name}/Transpose", [reshaped], Ints("perm", perm));
        }

        var q = Heads("query", names.Query, [0, 2, 1, 3]);
        var k = Heads("key", names.Key, [0, 2, 3, 1]);
        var v = Heads("value", names.Value, [0, 2, 1, 3]);
        var scores = g.Node("MatMul", scope + "/MatMul", [q, k]);
        scores = g.Node("Div", scope + "/Div", [scores, g.Scalar(scope + "/scale", MathF.Sqrt(c.HeadSize))]);
        if (positionBias is not null)
        {
            scores = g.Node("Add", scope + "/AddPositionBias", [scores, positionBias]);
        }

        scores = g.Node("Add", scope + "/Add", [scores, mask]);
        var probabilities = g.Node("Softmax", scope + "/Softmax", [scores], Int("axis", 3));
        var context = g.Node("MatMul", scope + "/MatMul_1", [probabilities, v]);
        context = g.Node("Transpose", scope + "/Transpose", [context], Ints("perm", 0, 2, 1, 3));
        return g.Node("Reshape", scope + "/Reshape", [context, g.Int64s(scope + "/merge_shape", [0, 0, c.HiddenSize], 3)]);
    }

    /// <summary>x · Wᵀ + b for a Hugging Face linear layer <paramref name="prefix"/> (weight [out, in], bias [out]).</summary>
    private string Linear(string scope, string x, string prefix, int inSize, int outSize, bool underBase = true)
    {
        var full = underBase ? w.BasePrefix + prefix : prefix;
        var weight = Transposed(w.Read(full + ".weight", outSize, inSize), outSize, inSize);
        var matmul = g.Node("MatMul", scope + "/MatMul", [x, g.Weight(full + ".weight", weight, inSize, outSize)]);
        return g.Node("Add", scope + "/Add", [matmul, g.Weight(full + ".bias", w.Read(full + ".bias", outSize), outSize)]);
    }

    private string LayerNorm(string scope, string x, string prefix, bool underBase = true, float? eps = null)
    {
        var full = underBase ? w.BasePrefix + prefix : prefix;
        var scale = g.Weight(full + ".weight", w.Read(full + ".weight", c.HiddenSize), c.HiddenSize);
        var bias = g.Weight(full + ".bias", w.Read(full + ".bias", c.HiddenSize), c.HiddenSize);
        var mean = g.Node("ReduceMean", scope + "/ReduceMean", [x], Ints("axes", -1));
        var centered = g.Node("Sub", scope + "/Sub", [x, mean]);
        var variance = g.Node("ReduceMean", scope + "/ReduceMean_1", [g.Node("Pow", scope + "/Pow", [centered, g.Scalar(scope + "/two", 2f)])], Ints("axes", -1));
        var deviation = g.Node("Sqrt", scope + "/Sqrt", [g.Node("Add", scope + "/Add", [variance, g.Scalar(scope + "/eps", eps ?? c.LayerNormEps)])]);
        var normalized = g.Node("Div", scope + "/Div", [centered, deviation]);
        return g.Node("Add", scope + "/Add_1", [g.Node("Mul", scope + "/Mul", [normalized, scale]), bias]);
    }

    /// <summary>An embedding table [rows, hidden] under the base prefix (rows -1: any).</summary>
    private string Table(string name, long rows)
    {
        var shape = w.ShapeOf(w.BasePrefix + name);
        var values = w.ReadBase(name, rows, c.HiddenSize);
        return g.Weight(w.BasePrefix + name, values, shape![0], c.HiddenSize);
    }

    private static float[] Transposed(float[] values, int rows, int columns)
    {
        var result = new float[values.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var col = 0; col < columns; col++)
            {
                result[(col * rows) + r] = values[(r * columns) + col];
            }
        }

        return result;
    }
}
