using System.Text.Json;

namespace HfPipelines.Cli.Tests;

public class TasksCommandTests
{
    [Fact]
    public async Task Tasks_Json_ListsEveryTaskWithAliases()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("tasks", "--json");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var ner = doc.RootElement.EnumerateArray().Single(t => t.GetProperty("task").GetString() == "token-classification");
        Assert.Equal("ner", ner.GetProperty("aliases")[0].GetString());
        Assert.Equal(12, doc.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task UnknownCommand_ExitsNonZeroWithError()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("no-such-command");

        Assert.NotEqual(0, code);
        Assert.NotEmpty(stderr);
    }
}
