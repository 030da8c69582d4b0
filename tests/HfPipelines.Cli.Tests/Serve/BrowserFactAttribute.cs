namespace HfPipelines.Cli.Tests.Serve;

/// <summary>
/// A fact that runs only where the browser check can: <c>node</c> on the PATH, <c>scripts/browser/node_modules</c>
/// installed (npm install in scripts/browser) and <c>/usr/bin/chromium</c>; otherwise skipped with the reason.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (RepositoryRoot() is not { } root)
        {
            Skip = "The repository root (Plugins.sln) was not found above the test assembly.";
        }
        else if (FindNode() is null)
        {
            Skip = "node is not on the PATH.";
        }
        else if (!Directory.Exists(Path.Combine(root, "scripts", "browser", "node_modules", "playwright-core")))
        {
            Skip = "scripts/browser/node_modules is missing: run `npm install` in scripts/browser.";
        }
        else if (!File.Exists("/usr/bin/chromium"))
        {
            Skip = "/usr/bin/chromium is missing: `apt-get install -y chromium`.";
        }
    }

    /// <summary>The folder holding Plugins.sln, or null.</summary>
    /// <returns>The path.</returns>
    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Plugins.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>The node executable on the PATH, or null.</summary>
    /// <returns>The path.</returns>
    public static string? FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "node"))
            .FirstOrDefault(File.Exists);
}
