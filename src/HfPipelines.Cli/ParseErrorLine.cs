using System.CommandLine;
using System.CommandLine.Parsing;

namespace HfPipelines.Cli;

/// <summary>
/// One line for a command line that does not parse, instead of System.CommandLine's default parse-error action
/// (every error, a "Did you mean" list per unmatched token from its typo corrections, then the whole help text).
/// </summary>
internal static class ParseErrorLine
{
    /// <summary>The line for the parse's first error: an unknown command gets its closest command name, if any is close.</summary>
    public static string Describe(ParseResult parse, RootCommand root)
    {
        var command = parse.CommandResult.Command;
        var path = CommandPath(parse.CommandResult);
        if (command.Subcommands.Count > 0 && parse.UnmatchedTokens.Count > 0)
        {
            var typed = parse.UnmatchedTokens[0];
            var best = ClosestCommand(command, typed);
            var hint = best is null ? string.Empty : $" Did you mean '{best}'?";
            var tasks = command == root ? "Run 'hfp tasks' for the task names, " : "Run ";
            return $"hfp: '{typed}' is not an '{path}' command.{hint} {tasks}'{path} --help' for every command.";
        }

        var error = parse.Errors[0].Message.TrimEnd('.');
        return $"hfp: {error}. Run '{path} --help' for its options.";
    }

    /// <summary>The command name or alias nearest to <paramref name="typed"/> (edit distance at most a third of its length), or null.</summary>
    public static string? ClosestCommand(Command parent, string typed)
    {
        var names = parent.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name));
        var scored = names.Select(n => (Name: n, Distance: Distance(typed.ToLowerInvariant(), n))).OrderBy(s => s.Distance).FirstOrDefault();
        return scored.Name is not null && scored.Distance <= Math.Max(2, typed.Length / 3) ? scored.Name : null;
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c; r = r.Parent)
        {
            names.Add(c.Command is RootCommand ? "hfp" : c.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>Levenshtein distance.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
