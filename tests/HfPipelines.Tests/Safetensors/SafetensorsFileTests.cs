using System.Text;
using HfPipelines.Safetensors;
using HfPipelines.Testing;

namespace HfPipelines.Tests.Safetensors;

/// <summary>The safetensors reader: real checkpoints saved by transformers, exact conversions, and damaged files refused.</summary>
public sealed class SafetensorsFileTests : IDisposable
{
    private const string Bert = "pyoracle-safetensors/bert-safetensors/model.safetensors";
    private readonly string _dir = Directory.CreateTempSubdirectory("hfp-safetensors-").FullName;

    [FixtureFact(Bert)]
    public void Open_CheckpointSavedByTransformers_ListsTensorsAndReadsThem()
    {
        using var file = SafetensorsFile.Open(TestFixtures.PathOf(Bert));

        var embeddings = file.Tensors["embeddings.word_embeddings.weight"];
        var values = file.ReadFloat32(embeddings.Name);

        Assert.Equal(SafetensorsDType.F32, embeddings.DType);
        Assert.Equal(16, embeddings.Shape[1]);
        Assert.Equal(embeddings.ElementCount, values.Length);
        Assert.All(values, v => Assert.True(float.IsFinite(v)));
        Assert.Contains(values, v => v != 0);
        Assert.Contains("encoder.layer.1.output.LayerNorm.weight", file.Tensors.Keys);
    }

    [Fact]
    public void ReadFloat32_HalfBfloatDoubleAndFloat_ExactValues()
    {
        float[] expected = [1.5f, -2f, 0.25f, 1024f]; // exact in half, bfloat16 and double alike
        var path = Write(
            ("half", "F16", [4], [.. expected.SelectMany(v => BitConverter.GetBytes((Half)v))]),
            ("bf16", "BF16", [2, 2], [.. expected.SelectMany(v => BitConverter.GetBytes((ushort)(BitConverter.SingleToInt32Bits(v) >> 16)))]),
            ("f64", "F64", [4], [.. expected.SelectMany(v => BitConverter.GetBytes((double)v))]),
            ("f32", "F32", [4], [.. expected.SelectMany(BitConverter.GetBytes)]),
            ("ids", "I64", [1], BitConverter.GetBytes(7L)));
        using var file = SafetensorsFile.Open(path);

        Assert.Equal(expected, file.ReadFloat32("half"));
        Assert.Equal(expected, file.ReadFloat32("bf16"));
        Assert.Equal(expected, file.ReadFloat32("f64"));
        Assert.Equal(expected, file.ReadFloat32("f32"));
        Assert.Equal([2L, 2L], file.Tensors["bf16"].Shape);
        Assert.Contains("not floating point", Assert.Throws<ModelLoadException>(() => file.ReadFloat32("ids")).Message, StringComparison.Ordinal);
        Assert.Contains("has no tensor 'nope'", Assert.Throws<ModelLoadException>(() => file.ReadFloat32("nope")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8, "")]
    [InlineData("""{"a":{"dtype":"F7","shape":[2],"data_offsets":[0,8]}}""", 8, "unknown dtype 'F7'")]
    [InlineData("""{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", 8, "needs 12 bytes but its offsets span 8")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,80]}}""", 8, "outside the 8 bytes of data")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "gap of 4 bytes")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "overlaps")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 8, "cover 4 of the 8 bytes")]
    [InlineData("""{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", 8, "non-negative whole number")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2]}}""", 8, "needs dtype, shape and two data_offsets")]
    [InlineData("""["a"]""", 0, "not a JSON object")]
    [InlineData("""{"a":""", 0, "not valid JSON")]
    public void Open_DamagedHeader_ModelLoadExceptionNamingTheProblem(string header, int dataBytes, string expected)
    {
        var path = Path.Combine(_dir, "damaged.safetensors");
        var json = Encoding.UTF8.GetBytes(header);
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)json.Length), .. json, .. new byte[dataBytes]]);

        if (expected.Length == 0)
        {
            using var valid = SafetensorsFile.Open(path);
            Assert.Equal([0f, 0f], valid.ReadFloat32("a"));
            return;
        }

        var error = Assert.Throws<ModelLoadException>(() => SafetensorsFile.Open(path));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("damaged.safetensors", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, 0UL)]
    [InlineData(8, ulong.MaxValue)]
    [InlineData(8, 1_000_000UL)]
    public void Open_CutFileOrHugeHeaderLength_RefusedBeforeReadingIt(int prefixBytes, ulong headerLength)
    {
        var path = Path.Combine(_dir, "cut.safetensors");
        File.WriteAllBytes(path, [.. BitConverter.GetBytes(headerLength).Take(prefixBytes), .. "{}"u8.ToArray()]);

        var error = Assert.Throws<ModelLoadException>(() => SafetensorsFile.Open(path));

        Assert.Contains("not a readable safetensors file", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(params (string Name, string DType, long[] Shape, byte[] Data)[] tensors)
    {
        var offset = 0L;
        var entries = new List<string>();
        foreach (var (name, dtype, shape, data) in tensors)
        {
            entries.Add($"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{offset},{offset + data.Length}]}}");
            offset += data.Length;
        }

        var header = Encoding.UTF8.GetBytes("{\"__metadata__\":{\"format\":\"pt\"}," + string.Join(",", entries) + "}");
        var path = Path.Combine(_dir, "built.safetensors");
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. tensors.SelectMany(t => t.Data)]);
        return path;
    }
}
