using HfPipelines.Onnx;
using HfPipelines.Testing;
using HfPipelines.Testing.OnnxBuilder;
using Microsoft.ML.OnnxRuntime;

namespace HfPipelines.Tests.Onnx;

public sealed class OnnxModelSignatureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hfp-signature-").FullName;

    private static readonly string[] s_fixtureModels =
    [
        "onnx/tiny-distilbert-sst2-optimum/model.onnx",
        "onnx/mobilenetv2-12-int8/mobilenetv2-12-int8.onnx",
        "ortgenai/tiny-random-gpt2-fp32/past.onnx",
        "ortgenai/tiny-random-LlamaForCausalLM-fp16/model.onnx",
        "ortgenai/whisper-partial/dummy_decoder.onnx",
        "ortgenai/phi3-v-dummy/dummy_vision.onnx",
    ];

    [FixtureFact("onnx", "ortgenai")]
    public void Read_RealExports_SameNamesAsOnnxRuntime()
    {
        foreach (var relative in s_fixtureModels)
        {
            AssertSameAsOnnxRuntime(relative);
        }
    }

    private static void AssertSameAsOnnxRuntime(string relative)
    {
        var path = TestFixtures.PathOf(relative);
        OnnxNativeLog.EnsureInstalled(); // the first session of the process creates ONNX Runtime's environment: ours, with its log routing
        using var session = new InferenceSession(path);

        var signature = OnnxModelSignature.Read(path);

        Assert.Equal(session.InputMetadata.Keys.Order(), signature.Inputs.Where(session.InputMetadata.ContainsKey).Order());
        Assert.Equal(session.OutputMetadata.Keys, signature.Outputs);
    }

    [Fact]
    public void Read_BuiltGraph_InputsAndOutputsInOrder()
    {
        var path = Path.Combine(_dir, "m.onnx");
        new OnnxGraphBuilder()
            .Input("b", OnnxGraphBuilder.Float, 1)
            .Input("a", OnnxGraphBuilder.Float, 1)
            .FloatTensor("weights", new float[4096], 4096)
            .Node("Add", ["a", "b"], ["sum"])
            .Node("Identity", ["sum"], ["copy"])
            .Output("sum", OnnxGraphBuilder.Float, 1)
            .Output("copy", OnnxGraphBuilder.Float, 1)
            .Save(path);

        var signature = OnnxModelSignature.Read(path);

        Assert.Equal(["b", "a"], signature.Inputs);
        Assert.Equal(["sum", "copy"], signature.Outputs);
    }

    [Fact]
    public void Read_TruncatedModel_TypedErrorSaysTruncated()
    {
        var path = Path.Combine(_dir, "m.onnx");
        var bytes = new OnnxGraphBuilder()
            .Input("a", OnnxGraphBuilder.Float, 1)
            .FloatTensor("weights", new float[4096], 4096)
            .Node("Identity", ["a"], ["b"])
            .Output("b", OnnxGraphBuilder.Float, 1)
            .Build();
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<ModelLoadException>(() => OnnxModelSignature.Read(path));

        Assert.Contains("m.onnx", error.Message);
        Assert.Contains("truncated", error.Message);
        Assert.Contains("download it again", error.Message);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>404 Not Found</body></html>")]
    [InlineData("version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 1234\n")]
    [InlineData("")]
    public void Read_NotAModel_TypedError(string content)
    {
        var path = Path.Combine(_dir, "m.onnx");
        File.WriteAllText(path, content);

        var error = Assert.Throws<ModelLoadException>(() => OnnxModelSignature.Read(path));

        Assert.Contains("not a readable ONNX model", error.Message);
    }

    [Fact]
    public void Read_MissingFile_TypedError()
    {
        var error = Assert.Throws<ModelLoadException>(() => OnnxModelSignature.Read(Path.Combine(_dir, "absent.onnx")));

        Assert.Contains("absent.onnx", error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Read_RandomBytes_NeverThrowsAnythingButModelLoad()
    {
        var path = Path.Combine(_dir, "m.onnx");
        var valid = new OnnxGraphBuilder()
            .Input("a", OnnxGraphBuilder.Float, 1)
            .Node("Identity", ["a"], ["b"])
            .Output("b", OnnxGraphBuilder.Float, 1)
            .Build();
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var bytes = (byte[])valid.Clone();
            for (var flips = 0; flips < 1 + (seed % 4); flips++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            File.WriteAllBytes(path, bytes);
            try
            {
                var signature = OnnxModelSignature.Read(path);
                Assert.NotEmpty(signature.Outputs);
            }
            catch (ModelLoadException)
            {
            }
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
