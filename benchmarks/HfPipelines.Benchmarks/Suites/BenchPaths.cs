namespace HfPipelines.Benchmarks.Suites;

/// <summary>Where the BenchmarkDotNet suites find their inputs: the shared fixtures (HFP_FIXTURES or /work/shared/fixtures).</summary>
internal static class BenchPaths
{
    public static string Fixtures { get; } = Environment.GetEnvironmentVariable("HFP_FIXTURES") ?? "/work/shared/fixtures";

    public static string Fixture(string relative) => Path.Combine(Fixtures, relative);
}
