using System.Text.RegularExpressions;

namespace HfPipelines.Cli.Tests.FirstHour;

/// <summary>Issue 20, items 3, 6 and 10: what .ci/run runs and prints, checked against the README and the examples.</summary>
public sealed partial class CiRunTests
{
    [Fact]
    public void CiRun_TestCommand_IsTheReadmesAndPrintsSkipReasons()
    {
        var readme = RepositoryFiles.Read("README.md");
        var ci = RepositoryFiles.Read(".ci/run");

        var command = TestCommand().Match(readme);
        Assert.True(command.Success, "README.md has no 'dotnet test Plugins.sln' line");
        Assert.Contains("verbosity=normal", command.Value); // the console logger prints each [SKIP] with its reason
        Assert.Contains(command.Value.Trim() + " 2>&1", ci);
        Assert.Contains("skipped tests, by reason:", ci);
        Assert.Contains("echo \"$passed passed, $failed failed, $skipped skipped\"", ci);
    }

    [Fact]
    public void CiRun_SmokeLoop_RunsEveryExampleThatRunsOffline()
    {
        var ci = RepositoryFiles.Read(".ci/run");
        var loop = SmokeLoop().Match(ci);
        Assert.True(loop.Success, ".ci/run has no smoke loop");
        foreach (var example in Directory.GetDirectories(Path.Combine(RepositoryFiles.Root, "examples")).Where(d => Directory.GetFiles(d, "*.csproj").Length > 0))
        {
            Assert.Contains("examples/" + Path.GetFileName(example), loop.Groups[1].Value);
            Assert.True(File.Exists(Path.Combine(example, "README.md")), $"{example} has no README.md");
        }
    }

    [GeneratedRegex(@"dotnet test Plugins\.sln[^\n#]*")]
    private static partial Regex TestCommand();

    [GeneratedRegex(@"for project in ([^;\n]+); do")]
    private static partial Regex SmokeLoop();
}
