using System.Globalization;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>Command-line settings of the side-by-side runner.</summary>
internal sealed record SideBySideSettings
{
    /// <summary>Timed passes per measurement; the median is reported.</summary>
    public int Repetitions { get; init; } = 2;

    /// <summary>Rounds of every suite, one after another (sides interleave in time); each side's figure is the median of all its passes.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Suites to run: load, tokenizer, embeddings, concurrency, images, speech, generation, agent (all by default), grammar (free against constrained decoding with the full-vocabulary pipeline of before; opt-in, it is slow) threads (llama.cpp at 1 against 2 threads; opt-in) and small-input (batch-1 embeddings under each session option, IOBinding, threads by length; opt-in).</summary>
    public IReadOnlySet<string> Suites { get; init; } = new HashSet<string>(["load", "tokenizer", "embeddings", "concurrency", "images", "speech", "generation", "agent"]);

    /// <summary>Every suite --suites accepts.</summary>
    public static IReadOnlyList<string> KnownSuites { get; } = ["load", "tokenizer", "embeddings", "concurrency", "images", "speech", "generation", "agent", "grammar", "threads", "small-input"];

    /// <summary>Batch sizes of the embedding comparison (the chart's x axis).</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [1, 8, 32, 256];

    /// <summary>Where the markdown tables go (null: stdout only).</summary>
    public string? MarkdownPath { get; init; }

    /// <summary>Where the PNG chart goes (null: none).</summary>
    public string? ChartPath { get; init; }

    /// <summary>Where the raw JSON goes (null: none).</summary>
    public string? JsonPath { get; init; }

    /// <summary>scripts/bench (the node peers and their node_modules).</summary>
    public string ScriptsDirectory { get; init; } = Path.Combine(RepoRoot(), "scripts", "bench");

    /// <summary>The shared fixtures folder.</summary>
    public string FixturesDirectory { get; init; } = Environment.GetEnvironmentVariable("HFP_FIXTURES") ?? "/work/shared/fixtures";

    /// <summary>Parses <c>--repetitions N --suites a,b --batch-sizes 1,8,32 --markdown P --chart P --json P --fixtures DIR --scripts DIR</c>.</summary>
    public static SideBySideSettings Parse(string[] args)
    {
        var settings = new SideBySideSettings();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            settings = args[i] switch
            {
                "--repetitions" => settings with { Repetitions = int.Parse(value, CultureInfo.InvariantCulture) },
                "--rounds" => settings with { Rounds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--suites" => settings with { Suites = ParseSuites(value) },
                "--batch-sizes" => settings with { BatchSizes = [.. value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))] },
                "--markdown" => settings with { MarkdownPath = value },
                "--chart" => settings with { ChartPath = value },
                "--json" => settings with { JsonPath = value },
                "--fixtures" => settings with { FixturesDirectory = value },
                "--scripts" => settings with { ScriptsDirectory = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Valid: --repetitions --rounds --suites --batch-sizes --markdown --chart --json --fixtures --scripts."),
            };
        }

        return settings;
    }

    private static HashSet<string> ParseSuites(string value)
    {
        var suites = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var unknown = suites.Except(KnownSuites).ToList();
        return unknown.Count == 0 && suites.Count > 0
            ? suites
            : throw new ArgumentException($"Unknown suite(s) '{string.Join(", ", unknown)}' in --suites {value}. Valid: {string.Join(", ", KnownSuites)} (comma-separated).");
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Plugins.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
