using System.Buffers.Binary;

namespace HfPipelines.Testing.OnnxBuilder;

/// <summary>
/// Writes tiny ONNX models by hand (ModelProto, ir_version 8, default opset 17) so tests can build models whose
/// outputs are known by construction. Dimensions are ints (fixed) or strings (symbolic, e.g. "batch").
/// Dependency-free: BCL only.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    /// <summary>ONNX TensorProto.DataType FLOAT.</summary>
    public const int Float = 1;

    /// <summary>ONNX TensorProto.DataType INT32.</summary>
    public const int Int32 = 6;

    /// <summary>ONNX TensorProto.DataType INT64.</summary>
    public const int Int64 = 7;

    private readonly List<ProtoWriter> _nodes = [];
    private readonly List<ProtoWriter> _inputs = [];
    private readonly List<ProtoWriter> _outputs = [];
    private readonly List<ProtoWriter> _initializers = [];
    private int _nodeCount;

    public int Opset { get; init; } = 17;

    public OnnxGraphBuilder Input(string name, int elemType, params object[] dims)
    {
        _inputs.Add(ValueInfo(name, elemType, dims));
        return this;
    }

    public OnnxGraphBuilder Output(string name, int elemType, params object[] dims)
    {
        _outputs.Add(ValueInfo(name, elemType, dims));
        return this;
    }

    public OnnxGraphBuilder FloatTensor(string name, float[] values, params long[] dims)
    {
        var raw = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * 4), values[i]);
        }

        _initializers.Add(Tensor(name, Float, raw, dims));
        return this;
    }

    public OnnxGraphBuilder Int64Tensor(string name, long[] values, params long[] dims)
    {
        var raw = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * 8), values[i]);
        }

        _initializers.Add(Tensor(name, Int64, raw, dims));
        return this;
    }

    /// <summary>Adds a node. Attribute values: long/int (INT), float (FLOAT), long[] (INTS), string (STRING).</summary>
    public OnnxGraphBuilder Node(string opType, string[] inputs, string[] outputs, params (string Name, object Value)[] attributes)
    {
        var node = new ProtoWriter();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }

        foreach (var output in outputs)
        {
            node.String(2, output);
        }

        node.String(3, $"{opType}_{_nodeCount++}").String(4, opType);
        foreach (var (name, value) in attributes)
        {
            node.Message(5, Attribute(name, value));
        }

        _nodes.Add(node);
        return this;
    }

    public byte[] Build()
    {
        var graph = new ProtoWriter();
        _nodes.ForEach(n => graph.Message(1, n));
        graph.String(2, "test_graph");
        _initializers.ForEach(t => graph.Message(5, t));
        _inputs.ForEach(i => graph.Message(11, i));
        _outputs.ForEach(o => graph.Message(12, o));
        return new ProtoWriter()
            .Varint(1, 8)
            .String(2, "HfPipelines.Tests")
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, string.Empty).Varint(2, Opset))
            .ToArray();
    }

    public void Save(string path) => File.WriteAllBytes(path, Build());

    private static ProtoWriter ValueInfo(string name, int elemType, object[] dims)
    {
        var shape = new ProtoWriter();
        foreach (var dim in dims)
        {
            var d = new ProtoWriter();
            _ = dim switch
            {
                string symbol => d.String(2, symbol),
                _ => d.Varint(1, Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture)),
            };
            shape.Message(1, d);
        }

        var tensorType = new ProtoWriter().Varint(1, elemType).Message(2, shape);
        var type = new ProtoWriter().Message(1, tensorType);
        return new ProtoWriter().String(1, name).Message(2, type);
    }

    private static ProtoWriter Tensor(string name, int dataType, byte[] raw, long[] dims) =>
        new ProtoWriter().PackedVarints(1, dims).Varint(2, dataType).String(8, name).Bytes(9, raw);

    private static ProtoWriter Attribute(string name, object value)
    {
        var a = new ProtoWriter().String(1, name);
        return value switch
        {
            int i => a.Varint(3, i).Varint(20, 2),
            long l => a.Varint(3, l).Varint(20, 2),
            float f => a.Float(2, f).Varint(20, 1),
            long[] ints => a.PackedVarints(8, ints).Varint(20, 7),
            string s => a.String(4, s).Varint(20, 3),
            _ => throw new ArgumentException($"Unsupported attribute type {value.GetType()}.", nameof(value)),
        };
    }
}
