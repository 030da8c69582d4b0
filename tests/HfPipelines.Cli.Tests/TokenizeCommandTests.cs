using System.Text.Json;
using HfPipelines.Testing;

namespace HfPipelines.Cli.Tests;

public class TokenizeCommandTests
{
    private const string Bert = "tokenizers/bert-base-uncased";

    [FixtureFact(Bert)]
    public async Task Tokenize_Json_PrintsIdsTokensAndOffsets()
    {
        var folder = TestFixtures.PathOf(Bert);

        var (code, stdout, stderr) = await CliRunner.RunAsync("tokenize", "--model", folder, "Hello, world!", "--json");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal([101, 7592, 1010, 2088, 999, 102], doc.RootElement.GetProperty("input_ids").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("hello", doc.RootElement.GetProperty("tokens")[1].GetString());
        Assert.Equal(7, doc.RootElement.GetProperty("offset_mapping")[3][0].GetInt32());
    }

    [FixtureFact(Bert)]
    public async Task Tokenize_Pair_PrintsOneLinePerToken()
    {
        var folder = TestFixtures.PathOf(Bert);

        var (code, stdout, _) = await CliRunner.RunAsync("tokenize", "--model", folder, "who", "--pair", "the cat");

        Assert.Equal(0, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.Contains("\"cat\"", lines[4], StringComparison.Ordinal);
        Assert.EndsWith("4-7", lines[4].TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokenize_MissingFolder_ExitsOneWithMessage()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("tokenize", "--model", "/no/such/folder", "x");

        Assert.Equal(1, code);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }
}
