using HfPipelines.Onnx;
using HfPipelines.Testing.OnnxBuilder;
using Microsoft.ML.OnnxRuntime;

namespace HfPipelines.Tests.Onnx;

/// <summary>The one owner of ONNX Runtime sessions: typed load and run errors, and runs in progress finish before dispose.</summary>
public sealed class OnnxSessionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hfp-onnx-session-").FullName;

    [Fact]
    public void Open_MissingOrTinyOrGarbageFile_ModelLoadExceptionNamingTheFile()
    {
        var tiny = Path.Combine(_dir, "tiny.onnx");
        File.WriteAllText(tiny, "version");
        var garbage = Path.Combine(_dir, "garbage.onnx");
        File.WriteAllText(garbage, new string('x', 4096));

        Assert.Contains("does not exist", Assert.Throws<ModelLoadException>(() => OnnxSession.Open(Path.Combine(_dir, "none.onnx"), null)).Message, StringComparison.Ordinal);
        Assert.Contains("too small to be an ONNX model", Assert.Throws<ModelLoadException>(() => OnnxSession.Open(tiny, null)).Message, StringComparison.Ordinal);
        Assert.Contains("could not load", Assert.Throws<ModelLoadException>(() => OnnxSession.Open(garbage, null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_InputOfTheWrongShape_InferenceExceptionNamingTheFileAndStillUsable()
    {
        using var session = OnnxSession.Open(Doubler(), null);
        using var wrong = OrtValue.CreateTensorValueFromMemory(new float[6], [2, 3]);
        using var right = OrtValue.CreateTensorValueFromMemory(new[] { 1f, 2f, 3f, 4f }, [1, 4]);

        var error = Assert.Throws<InferenceException>(() => session.Run(null, ["x"], [wrong], ["y"]));
        using var outputs = session.Run(null, ["x"], [right], ["y"]);

        Assert.Contains("doubler.onnx", error.Message, StringComparison.Ordinal);
        Assert.Equal([2f, 4f, 6f, 8f], outputs[0].GetTensorDataAsSpan<float>().ToArray());
    }

    [Fact]
    public void Dispose_DuringARun_TheRunFinishesAndLaterRunsAreRefused()
    {
        var session = OnnxSession.Open(Doubler(), null);
        using var input = OrtValue.CreateTensorValueFromMemory(new[] { 1f, 2f, 3f, 4f }, [1, 4]);

        var read = session.Run(["x"], [input], ["y"], session, static (owner, outputs) =>
        {
            owner.Dispose(); // while the outputs are being read
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        });

        Assert.Equal([2f, 4f, 6f, 8f], read);
        Assert.Throws<ObjectDisposedException>(() => session.Run(null, ["x"], [input], ["y"]));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Doubler()
    {
        var path = Path.Combine(_dir, "doubler.onnx");
        new OnnxGraphBuilder()
            .Input("x", OnnxGraphBuilder.Float, 1, 4)
            .FloatTensor("two", [2f], 1)
            .Node("Mul", ["x", "two"], ["y"])
            .Output("y", OnnxGraphBuilder.Float, 1, 4)
            .Save(path);
        return path;
    }
}
