using System.Text;
using System.Text.RegularExpressions;

namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>
/// The source rewrites @huggingface/jinja applies before lexing (trailing newline, lstrip_blocks, trim_blocks,
/// <c>{% generation %}</c> tags), keeping a map from each output character to its offset in the original source.
/// </summary>
internal static partial class Preprocessor
{
    private const int MatchTimeoutMilliseconds = 5000;
    private const string Ws = @"[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]";

    public static (string Text, int[] Map) Run(string template)
    {
        try
        {
            return RunCore(template);
        }
        catch (RegexMatchTimeoutException ex)
        {
            throw new ChatTemplateException("The chat template is too large or too irregular to preprocess (whitespace runs of megabytes?).", ex);
        }
    }

    private static (string Text, int[] Map) RunCore(string template)
    {
        var map = Enumerable.Range(0, template.Length + 1).ToArray();
        var text = template;
        if (text.EndsWith('\n'))
        {
            text = text[..^1];
        }

        (text, map) = Rewrite(text, map, LstripBlocks(), m => [m.Groups[1]]);
        (text, map) = Rewrite(text, map, TrimBlocks(), m => [m.Groups[1]]);
        if (!text.Contains("generation", StringComparison.Ordinal))
        {
            return (text, map);
        }

        (text, map) = Rewrite(text, map, GenerationTag(), m =>
        {
            var kept = new List<Group>();
            if (m.Groups[2].Length == 0)
            {
                kept.Add(m.Groups[1]);
            }

            if (m.Groups[3].Length == 0)
            {
                kept.Add(m.Groups[4]);
            }

            return kept;
        });
        return (text, map);
    }

    private static (string Text, int[] Map) Rewrite(string text, int[] map, Regex regex, Func<Match, IReadOnlyList<Group>> keep)
    {
        var sb = new StringBuilder(text.Length);
        var newMap = new List<int>(text.Length + 1);
        var pos = 0;
        foreach (Match m in regex.Matches(text))
        {
            Copy(text, map, pos, m.Index - pos, sb, newMap);
            foreach (var g in keep(m))
            {
                Copy(text, map, g.Index, g.Length, sb, newMap);
            }

            pos = m.Index + m.Length;
        }

        Copy(text, map, pos, text.Length - pos, sb, newMap);
        newMap.Add(map[text.Length]);
        return (sb.ToString(), newMap.ToArray());
    }

    private static void Copy(string text, int[] map, int start, int length, StringBuilder sb, List<int> newMap)
    {
        sb.Append(text, start, length);
        for (var i = start; i < start + length; i++)
        {
            newMap.Add(map[i]);
        }
    }

    // JavaScript's multiline ^ also matches after \r, \u2028 and \u2029.
    [GeneratedRegex(@"(?<=^|[\n\r\u2028\u2029])[ \t]*(\{[#%-])", RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex LstripBlocks();

    [GeneratedRegex(@"([#%-]\})\n", RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex TrimBlocks();

    [GeneratedRegex(@"((?>" + Ws + @"*))\{%(-?)" + Ws + @"*(?:end)?generation" + Ws + @"*(-?)%\}(" + Ws + "*)", RegexOptions.CultureInvariant | RegexOptions.Singleline, MatchTimeoutMilliseconds)]
    private static partial Regex GenerationTag();
}
