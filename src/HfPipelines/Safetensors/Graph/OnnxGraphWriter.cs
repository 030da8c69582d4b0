using System.Runtime.InteropServices;
using Google.Protobuf;
using HfPipelines.Safetensors.Onnx;

namespace HfPipelines.Safetensors.Graph;

/// <summary>
/// Accumulates an ONNX graph (opset 17) with the generated protobuf classes. Weights of 1 KiB or more go straight to an
/// external-data file as they are added, so the protobuf holds only their offsets: one tensor is in memory at a time,
/// and the model is not bound by protobuf's 2 GB limit. Smaller tensors and constants stay inline.
/// </summary>
internal sealed class OnnxGraphWriter : IDisposable
{
    public const int Opset = 12;
    private const int ExternalThreshold = 1024;
    private const int Alignment = 64;

    private readonly GraphProto _graph = new() { Name = "encoder" };
    private readonly string _dataPath;
    private readonly string _dataLocation;
    private readonly CancellationToken _cancellationToken;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private FileStream? _data;

    /// <param name="dataPath">Where external data is written (created on the first large tensor).</param>
    /// <param name="dataLocation">The data file's name as the model refers to it (relative to the model file).</param>
    /// <param name="cancellationToken">Checked before each weight.</param>
    public OnnxGraphWriter(string dataPath, string dataLocation, CancellationToken cancellationToken)
    {
        _dataPath = dataPath;
        _dataLocation = dataLocation;
        _cancellationToken = cancellationToken;
    }

    /// <summary>True once a tensor went to the external-data file.</summary>
    public bool HasExternalData => _data is not null;

    /// <summary>Adds a float32 initializer.</summary>
    /// <returns>Its name.</returns>
    public string Weight(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        var bytes = MemoryMarshal.AsBytes(values);
        if (bytes.Length < ExternalThreshold)
        {
            tensor.RawData = ByteString.CopyFrom(bytes);
        }
        else
        {
            _data ??= new FileStream(_dataPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            var offset = (_data.Length + Alignment - 1) / Alignment * Alignment;
            _data.SetLength(offset);
            _data.Position = offset;
            _data.Write(bytes);
            tensor.DataLocation = TensorProto.Types.DataLocation.External;
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = _dataLocation });
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a float32 scalar initializer.</summary>
    public string Scalar(string name, float value) => Weight(name, [value]);

    /// <summary>Adds an int64 initializer (inline).</summary>
    public string Int64s(string name, long[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a node with one output, named after <paramref name="output"/> (made unique).</summary>
    /// <returns>The output's name.</returns>
    public string Node(string opType, string output, string[] inputs, params AttributeProto[] attributes)
    {
        var name = Unique(output);
        var node = new NodeProto { OpType = opType, Name = name + "/" + opType };
        node.Input.AddRange(inputs);
        node.Output.Add(name);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return name;
    }

    /// <summary>An integer attribute.</summary>
    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>A float attribute.</summary>
    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>An integer-list attribute.</summary>
    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>Declares a graph input of the given element type and named (dynamic) dimensions.</summary>
    public void Input(string name, TensorProto.Types.DataType type, params string[] dims) => _graph.Input.Add(Value(name, type, dims));

    /// <summary>Declares a graph output: an existing value renamed by an Identity node to <paramref name="name"/>.</summary>
    public void Output(string value, string name, params object[] dims)
    {
        _graph.Node.Add(new NodeProto { OpType = "Identity", Name = name + "/Identity", Input = { value }, Output = { name } });
        _graph.Output.Add(Value(name, TensorProto.Types.DataType.Float, dims));
    }

    /// <summary>Closes the data file and returns the model.</summary>
    public ModelProto Finish(string producerVersion, string docString)
    {
        _data?.Flush(flushToDisk: true);
        _data?.Dispose();
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "HfPipelines.EncoderGraphBuilder",
            ProducerVersion = producerVersion,
            DocString = docString,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        return model;
    }

    /// <inheritdoc />
    public void Dispose() => _data?.Dispose();

    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim is string param ? new TensorShapeProto.Types.Dimension { DimParam = param } : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture) });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }

    private string Unique(string name)
    {
        var candidate = name;
        for (var i = 1; !_names.Add(candidate); i++)
        {
            candidate = $"{name}_{i}";
        }

        return candidate;
    }
}
