using HfPipelines.Hub;

namespace HfPipelines.Tests.Hub;

public class ModelReferenceTests
{
    [Theory]
    [InlineData("org/name", "org/name", null, null)]
    [InlineData("gpt2", "gpt2", null, null)]
    [InlineData("org/name@v1.0", "org/name", "v1.0", null)]
    [InlineData("org/name@refs/pr/1", "org/name", "refs/pr/1", null)]
    [InlineData("org/name@0123456789abcdef0123456789abcdef01234567", "org/name", "0123456789abcdef0123456789abcdef01234567", null)]
    [InlineData("TheBloke/Model-GGUF:model.Q4_K_M.gguf", "TheBloke/Model-GGUF", null, "model.Q4_K_M.gguf")]
    [InlineData("org/name@dev:onnx/model.onnx", "org/name", "dev", "onnx/model.onnx")]
    public void Parse_HubReference_SplitsParts(string text, string repo, string? revision, string? file)
    {
        var reference = ModelReference.Parse(text);

        Assert.False(reference.IsLocal);
        Assert.Equal(repo, reference.RepoId);
        Assert.Equal(revision, reference.Revision);
        Assert.Equal(file, reference.FilePath);
    }

    [Theory]
    [InlineData("/models/bert")]
    [InlineData("./models/bert")]
    [InlineData("../bert.onnx")]
    [InlineData("models/bert/onnx")]
    public void Parse_LocalPath_IsLocal(string text)
    {
        var reference = ModelReference.Parse(text);

        Assert.True(reference.IsLocal);
        Assert.Equal(Path.GetFullPath(text), reference.LocalPath);
    }

    [Theory]
    [InlineData("")]
    [InlineData("org/../name")]
    [InlineData("org/name:../secret")]
    [InlineData("org/name:/etc/passwd")]
    [InlineData("org/name:a/../../b")]
    [InlineData("org/name\u0000x")]
    [InlineData("org/na\nme")]
    [InlineData("org--x/name")]
    [InlineData("org/name@")]
    [InlineData("org/name@../main")]
    [InlineData("org/name:")]
    [InlineData("org/na me")]
    public void Parse_Invalid_ThrowsTypedError(string text)
    {
        var error = Assert.Throws<InvalidModelReferenceException>(() => ModelReference.Parse(text));

        Assert.False(ModelReference.TryParse(text, out _));
        Assert.Contains("org/name", error.Message, StringComparison.Ordinal);
    }
}
