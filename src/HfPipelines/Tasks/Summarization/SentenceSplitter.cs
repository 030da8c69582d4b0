using System.Text.RegularExpressions;

namespace HfPipelines.Tasks;

/// <summary>
/// Splits prose into sentences with their character spans: a sentence ends at <c>.</c>, <c>!</c>,
/// <c>?</c> (or <c>…</c>, closing quotes and brackets after them) followed by white space, unless the
/// next word starts in lower case or the word before the full stop is a common abbreviation or a single initial. Blank lines always end a
/// sentence. Thread-safe.
/// </summary>
public static partial class SentenceSplitter
{
    private static readonly HashSet<string> s_abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "inc", "ltd", "co", "corp",
        "no", "fig", "vol", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    };

    /// <summary>Splits a text into sentences.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The sentences, trimmed, with their start and end (exclusive) offsets in <paramref name="text"/>.</returns>
    public static IReadOnlyList<(string Text, int Start, int End)> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<(string, int, int)>();
        var start = 0;
        foreach (Match boundary in BoundaryPattern().Matches(text))
        {
            var end = boundary.Index + boundary.Groups["end"].Length;
            var next = boundary.Index + boundary.Length;
            var continuesLowercase = next < text.Length && char.IsLower(text[next]);
            if (boundary.Groups["blank"].Success || (!continuesLowercase && !EndsWithAbbreviation(text, start, boundary.Index)))
            {
                Add(sentences, text, start, end);
                start = boundary.Index + boundary.Length;
            }
        }

        Add(sentences, text, start, text.Length);
        return sentences;
    }

    private static bool EndsWithAbbreviation(string text, int sentenceStart, int stopIndex)
    {
        if (text[stopIndex] != '.')
        {
            return false;
        }

        var wordStart = stopIndex;
        while (wordStart > sentenceStart && !char.IsWhiteSpace(text[wordStart - 1]))
        {
            wordStart--;
        }

        var word = text[wordStart..stopIndex].TrimStart('(', '"', '\'');
        return (word.Length == 1 && char.IsUpper(word[0])) || s_abbreviations.Contains(word);
    }

    private static void Add(List<(string, int, int)> sentences, string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add((text[start..end], start, end));
        }
    }

    [GeneratedRegex(@"(?<end>[.!?…]+[""'”’)\]]*)(?=\s)\s+|(?<blank>)\n\s*\n\s*", RegexOptions.CultureInvariant)]
    private static partial Regex BoundaryPattern();
}
