using System.Text.Json;
using HfPipelines.Testing;

namespace HfPipelines.Cli.Tests;

public sealed class ImageClassificationCommandTests
{
    private const string Model = "onnx/mobilenetv2-12-int8";
    private const string Cats = "images/coco-000000039769-two-cats.png";

    [FixtureFact(Model, Cats)]
    public async Task ImageClassification_Json_PrintsLabelsLikePython()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(
            "image-classification", "--model", TestFixtures.PathOf(Model), TestFixtures.PathOf(Cats), "--top-k", "3", "--json");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(3, doc.RootElement.GetArrayLength());
        Assert.Equal("tabby cat", doc.RootElement[0].GetProperty("label").GetString());
        Assert.True(doc.RootElement[0].GetProperty("score").GetSingle() > 0.5f);
    }

    [FixtureFact(Model)]
    public async Task ImageClassification_NotAnImage_OneLineErrorExitOne()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "not an image");

            var (code, _, stderr) = await CliRunner.RunAsync("image-classification", "--model", TestFixtures.PathOf(Model), path);

            Assert.Equal(1, code);
            Assert.StartsWith("hfp: ", stderr, StringComparison.Ordinal);
            Assert.Contains("not a supported image", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ImageClassification_MissingModel_ExitOne()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("image-classification", "--model", "/no/such/model", "x.png");

        Assert.Equal(1, code);
        Assert.Contains("/no/such/model", stderr, StringComparison.Ordinal);
    }
}
