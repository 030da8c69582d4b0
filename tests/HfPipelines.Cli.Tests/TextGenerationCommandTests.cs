using System.Text.Json;
using HfPipelines.Testing;

namespace HfPipelines.Cli.Tests;

public class TextGenerationCommandTests
{
    private const string Stories = "gguf/stories260K/stories260K.gguf";

    [FixtureFact(Stories)]
    public async Task TextGeneration_Json_PrintsGeneratedText()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("text-generation", "--model", TestFixtures.PathOf(Stories), "Once upon a time", "--max-new-tokens", "12", "--do-sample", "false", "--threads", "1", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.StartsWith("Once upon a time, there was a little girl named Lily", doc.RootElement[0].GetProperty("generated_text").GetString());
    }

    [FixtureFact(Stories)]
    public async Task TextGeneration_Streaming_WritesPromptAndContinuation()
    {
        var (code, stdout, _) = await CliRunner.RunAsync("text-generation", "--model", TestFixtures.PathOf(Stories), "Once upon a time", "--max-new-tokens", "12", "--threads", "1");
        Assert.Equal(0, code);
        Assert.StartsWith("Once upon a time, there was a little girl named Lily", stdout);
    }

    [Fact]
    public async Task TextGeneration_NotAModel_ExitsOneWithMessage()
    {
        var missing = await CliRunner.RunAsync("text-generation", "--model", "/no/such/model.bin", "hello");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error);

        var notAModel = Path.GetTempFileName();
        var (code, _, stderr) = await CliRunner.RunAsync("text-generation", "--model", notAModel, "hello");
        File.Delete(notAModel);
        Assert.Equal(1, code);
        Assert.Contains("neither a .gguf file nor an ONNX Runtime GenAI folder", stderr);
    }
}
