namespace HfPipelines.Benchmarks;

/// <summary>Finds the shared fixtures (HFP_FIXTURES, or shared/fixtures above the working directory or the binary).</summary>
internal static class ImageBenchmarkFixtures
{
    public static string PathOf(string relative)
    {
        var fromEnv = Environment.GetEnvironmentVariable("HFP_FIXTURES");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return Path.Combine(fromEnv, relative);
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
                if (Directory.Exists(candidate))
                {
                    return Path.Combine(candidate, relative);
                }
            }
        }

        throw new InvalidOperationException("Fixtures not found: set HFP_FIXTURES to the shared/fixtures folder.");
    }
}
