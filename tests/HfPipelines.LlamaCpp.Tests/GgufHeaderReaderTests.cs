using System.Text;
using HfPipelines.Testing;

namespace HfPipelines.LlamaCpp.Tests;

public sealed class GgufHeaderReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hfp-gguf-").FullName;

    [FixtureFact(TestTools.StoriesPath)]
    public void Read_StoriesV3_ReturnsVersionAndNoTemplate()
    {
        var info = GgufHeaderReader.Read(TestFixtures.PathOf(TestTools.StoriesPath));
        Assert.Equal(3u, info.Version);
        Assert.True(info.TensorCount > 0);
        Assert.Null(info.ChatTemplate);
        Assert.Equal("llama", info.Strings["general.architecture"]);
    }

    [FixtureFact(TestTools.StoriesV1Path)]
    public void Read_GgufV1_ThrowsSayingVersion1()
    {
        var ex = Assert.Throws<ModelLoadException>(() => GgufHeaderReader.Read(TestFixtures.PathOf(TestTools.StoriesV1Path)));
        Assert.Contains("version 1", ex.Message);
    }

    [Fact]
    public void Read_NotGguf_ThrowsNoMagic()
    {
        var path = Write("bad.gguf", Encoding.ASCII.GetBytes("this is not a model file at all, no magic"));
        var ex = Assert.Throws<ModelLoadException>(() => GgufHeaderReader.Read(path));
        Assert.Contains("not a GGUF file", ex.Message);
    }

    [Fact]
    public void Read_AbsurdTensorCount_ThrowsCorrupt()
    {
        var path = Write("huge.gguf", Header(3, tensors: ulong.MaxValue / 2, entries: 0));
        var ex = Assert.Throws<ModelLoadException>(() => GgufHeaderReader.Read(path));
        Assert.Contains("not plausible", ex.Message);
    }

    [Fact]
    public void Read_StringLongerThanFile_ThrowsCorrupt()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Header(3, tensors: 0, entries: 1));
            writer.Write(1_000_000_000UL);
        }

        var path = Write("long.gguf", stream.ToArray());
        var ex = Assert.Throws<ModelLoadException>(() => GgufHeaderReader.Read(path));
        Assert.Contains("more than the rest of the file", ex.Message);
    }

    [Fact]
    public void Read_MissingFile_ThrowsModelLoad()
    {
        Assert.Throws<ModelLoadException>(() => GgufHeaderReader.Read(Path.Combine(_dir, "absent.gguf")));
    }

    [FixtureFact(TestTools.StoriesV1Path)]
    public void Load_GgufV1_ThrowsBeforeNativeCode()
    {
        var ex = Assert.Throws<ModelLoadException>(() => LlamaCppModel.Load(TestFixtures.PathOf(TestTools.StoriesV1Path)));
        Assert.Contains("GGUF version 1", ex.Message);
    }

    [FixtureTheory(TestTools.StoriesPath)]
    [InlineData(0u)]
    [InlineData(513u)]
    [InlineData(100_000u)]
    public void Read_BlockCountOutOfRange_ThrowsNamingTheKey(uint blocks)
    {
        var path = WriteStories("blocks.gguf", "llama.block_count", BitConverter.GetBytes(blocks));
        var ex = Assert.Throws<ModelLoadException>(() => GgufHeaderReader.Read(path));
        Assert.Contains($"llama.block_count is {blocks}; llama.cpp accepts a whole number from 1 to 512", ex.Message);
    }

    [FixtureTheory(TestTools.StoriesPath)]
    [InlineData(float.NaN, "NaN")]
    [InlineData(-1f, "-1")]
    public void Read_NormEpsilonNotFinitePositive_ThrowsNamingTheKey(float epsilon, string shown)
    {
        var path = WriteStories("eps.gguf", "llama.attention.layer_norm_rms_epsilon", BitConverter.GetBytes(epsilon));
        var ex = Assert.Throws<ModelLoadException>(() => GgufHeaderReader.Read(path));
        Assert.Contains($"llama.attention.layer_norm_rms_epsilon is {shown}", ex.Message);
    }

    [FixtureFact(TestTools.StoriesPath)]
    public void Read_StoriesHyperParameters_ReadsNumbersAndShapes()
    {
        var info = GgufHeaderReader.Read(TestFixtures.PathOf(TestTools.StoriesPath));
        Assert.Equal([5.0], info.Numbers["llama.block_count"]);
        Assert.Equal(512UL, info.ArrayLengths["tokenizer.ggml.tokens"]);
        Assert.Equal([64UL, 512UL], info.TensorShapes["token_embd.weight"]);
    }

    private string WriteStories(string name, string key, byte[] value)
    {
        var bytes = File.ReadAllBytes(TestFixtures.PathOf(TestTools.StoriesPath));
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var at = bytes.AsSpan().IndexOf(keyBytes) + keyBytes.Length + 4; // the key, then its u32 type
        value.CopyTo(bytes, at);
        return Write(name, bytes);
    }

    private static byte[] Header(uint version, ulong tensors, ulong entries)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(Encoding.ASCII.GetBytes("GGUF"));
        writer.Write(version);
        writer.Write(tensors);
        writer.Write(entries);
        writer.Write(new byte[16]);
        writer.Flush();
        return stream.ToArray()[..24];
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
