using System.CommandLine;

namespace HfPipelines.Cli.Commands;

/// <summary>
/// <c>--top-k N</c>, the same on every task: the N best, and 0 for all of them (Python's <c>top_k=None</c>; for
/// text-generation, no top-k filter). A negative value is refused while parsing, before any model loads.
/// </summary>
internal static class TopKOption
{
    public static Option<int> Create(string what, int defaultValue)
    {
        var option = new Option<int>("--top-k")
        {
            Description = $"How many {what}, best first (default {defaultValue}; 0 for all).",
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError($"--top-k must be 0 (all) or more, got {result.GetValueOrDefault<int>()}.");
            }
        });
        return option;
    }

    /// <summary>The pipeline's limit for a parsed value: 0 means no limit.</summary>
    public static int Limit(int value) => value == 0 ? int.MaxValue : value;
}
