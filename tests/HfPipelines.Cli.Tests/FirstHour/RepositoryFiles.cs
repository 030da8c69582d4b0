namespace HfPipelines.Cli.Tests.FirstHour;

/// <summary>Reads files of the repository the tests were built from (README.md, .ci/run, examples/).</summary>
internal static class RepositoryFiles
{
    /// <summary>The folder holding Plugins.sln above the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    public static string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Plugins.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Plugins.sln not found above the test assembly.");
    }
}
