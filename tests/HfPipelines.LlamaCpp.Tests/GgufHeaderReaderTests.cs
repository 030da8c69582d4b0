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
