namespace HfPipelines.Testing;

/// <summary>
/// Locates the shared test fixtures (real tokenizers, models and media in <c>../shared/fixtures</c>
/// seen from the repository root). <c>HFP_FIXTURES</c> overrides the location.
/// </summary>
internal static class TestFixtures
{
    private static readonly Lazy<string?> s_root = new(FindRoot);

    /// <summary>The fixtures folder, or null when it cannot be found.</summary>
    public static string? Root => s_root.Value;

    /// <summary>Full path of a file or folder inside the fixtures folder (it may not exist).</summary>
    public static string PathOf(string relative) =>
        Path.Combine(Root ?? throw new InvalidOperationException(MissingReason(relative)), relative);

    /// <summary>True when the fixture file or folder exists.</summary>
    public static bool Exists(string relative) =>
        Root is not null && (File.Exists(Path.Combine(Root, relative)) || Directory.Exists(Path.Combine(Root, relative)));

    /// <summary>The reason a test that needs <paramref name="fixtures"/> is skipped: the first one absent, or null when all exist.</summary>
    public static string? FirstMissingReason(params string[] fixtures) =>
        fixtures.Where(f => !Exists(f)).Select(MissingReason).FirstOrDefault();

    /// <summary>The reason a test that needs <paramref name="relative"/> is skipped.</summary>
    public static string MissingReason(string relative) =>
        $"Fixture '{relative}' not found: expected ../shared/fixtures beside the repository, or set HFP_FIXTURES.";

    private static string? FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("HFP_FIXTURES");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return Directory.Exists(fromEnv) ? Path.GetFullPath(fromEnv) : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact that is skipped, with the reason, when a fixture it needs is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class FixtureFactAttribute : FactAttribute
{
    public FixtureFactAttribute(params string[] fixtures)
    {
        Skip = TestFixtures.FirstMissingReason(fixtures);
    }
}

/// <summary>A theory that is skipped, with the reason, when a fixture it needs is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class FixtureTheoryAttribute : TheoryAttribute
{
    public FixtureTheoryAttribute(params string[] fixtures)
    {
        Skip = TestFixtures.FirstMissingReason(fixtures);
    }
}
