using System.Text.Json;
using HfPipelines.Testing;

namespace HfPipelines.Cli.Tests;

public sealed class EncoderTaskCommandsTests
{
    private const string DistilBert = "onnx/tiny-distilbert-sst2-optimum";
    private const string BertTokenizer = "tokenizers/bert-base-uncased/tokenizer.json";

    private static string DistilBertFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hfp-cli-distilbert-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.Copy(TestFixtures.PathOf($"{DistilBert}/model.onnx"), Path.Combine(folder, "model.onnx"));
        File.Copy(TestFixtures.PathOf($"{DistilBert}/config.json"), Path.Combine(folder, "config.json"));
        File.Copy(TestFixtures.PathOf(BertTokenizer), Path.Combine(folder, "tokenizer.json"));
        return folder;
    }

    [FixtureTheory(DistilBert, BertTokenizer)]
    [InlineData("text-classification")]
    [InlineData("sentiment-analysis")]
    public async Task TextClassification_Json_PrintsPythonShapedLabels(string command)
    {
        var (code, output, error) = await CliRunner.RunAsync(command, "--model", DistilBertFolder(), "--top-k", "2", "--json", "I love this movie");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var labels = json.RootElement.EnumerateArray().Select(l => l.GetProperty("label").GetString()).ToArray();
        Assert.Equal(["NEGATIVE", "POSITIVE"], labels.Order());
        Assert.Equal(1.0, json.RootElement.EnumerateArray().Sum(l => l.GetProperty("score").GetDouble()), 4);
    }

    [Fact]
    public async Task TextClassification_MissingFolder_ExitsWithOneLineError()
    {
        var (code, _, error) = await CliRunner.RunAsync("text-classification", "--model", "/nonexistent/model", "hello");

        Assert.Equal(1, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [FixtureFact(DistilBert, BertTokenizer)]
    public async Task ZeroShot_ModelWithoutEntailmentLabel_ExitsWithError()
    {
        var (code, _, error) = await CliRunner.RunAsync("zero-shot-classification", "--model", DistilBertFolder(), "--candidate-labels", "a,b", "hello");

        Assert.Equal(1, code);
        Assert.Contains("entail", error, StringComparison.Ordinal);
    }
}
