using System.Text.RegularExpressions;
using HfPipelines.Tokenization.Normalizers;

namespace HfPipelines.Tokenization.PreTokenizers;

/// <summary>Applies pre-tokenizers in order (<c>Sequence</c>).</summary>
internal sealed class SequencePreTokenizer(IReadOnlyList<IPreTokenizer> preTokenizers) : IPreTokenizer
{
    public void PreTokenize(NormalizedText piece, List<NormalizedText> output)
    {
        var current = new List<NormalizedText> { piece };
        foreach (var preTokenizer in preTokenizers)
        {
            var next = new List<NormalizedText>(current.Count * 2);
            foreach (var p in current)
            {
                preTokenizer.PreTokenize(p, next);
            }

            current = next;
        }

        output.AddRange(current);
    }
}

/// <summary>A pre-tokenizer that splits the piece's text as it is (no rewrite): its words are ranges of the piece.</summary>
internal abstract class PlainSplitPreTokenizer : IRangePreTokenizer
{
    public void PreTokenize(NormalizedText piece, List<NormalizedText> output)
    {
        var words = new List<(int Start, int End)>();
        Splitter.AddSlices(Split(piece, words), words, output);
    }

    public NormalizedText Split(NormalizedText piece, List<(int Start, int End)> words)
    {
        SplitText(piece.Text, words);
        return piece;
    }

    /// <summary>Appends the words of <paramref name="text"/> as [start, end) ranges, in order.</summary>
    protected abstract void SplitText(string text, List<(int Start, int End)> words);
}

/// <summary>BERT: split on whitespace (removed) and on every punctuation char (isolated).</summary>
internal sealed class BertPreTokenizer : PlainSplitPreTokenizer
{
    private const byte Word = 0;
    private const byte Space = 1;
    private const byte Punctuation = 2;

    // What each ASCII char is, from the same predicates as the general path.
    private static readonly byte[] s_ascii = BuildAsciiTable();

    protected override void SplitText(string text, List<(int Start, int End)> words)
    {
        var start = -1;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            int length;
            byte kind;
            if (c < 128)
            {
                length = 1;
                kind = s_ascii[c];
            }
            else
            {
                length = UnicodeText.CodePointLength(text, i);
                kind = Classify(text, i);
            }

            if (kind != Word)
            {
                if (start >= 0)
                {
                    words.Add((start, i));
                    start = -1;
                }

                if (kind == Punctuation)
                {
                    words.Add((i, i + length));
                }
            }
            else if (start < 0)
            {
                start = i;
            }

            i += length;
        }

        if (start >= 0)
        {
            words.Add((start, text.Length));
        }
    }

    private static byte Classify(string text, int index) =>
        UnicodeText.IsWhitespace(UnicodeText.CodePointAt(text, index)) ? Space
            : UnicodeText.IsBertPunctuation(text, index) ? Punctuation
            : Word;

    private static byte[] BuildAsciiTable()
    {
        var table = new byte[128];
        for (var c = 0; c < table.Length; c++)
        {
            table[c] = Classify(((char)c).ToString(), 0);
        }

        return table;
    }
}

/// <summary>Splits on runs of whitespace, removing them (<c>WhitespaceSplit</c>).</summary>
internal sealed class WhitespaceSplitPreTokenizer : PlainSplitPreTokenizer
{
    protected override void SplitText(string text, List<(int Start, int End)> words)
    {
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                if (start >= 0)
                {
                    words.Add((start, i));
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        if (start >= 0)
        {
            words.Add((start, text.Length));
        }
    }
}

/// <summary>Splits on a regex or string (<c>Split</c>, <c>Whitespace</c>, <c>Digits</c>, <c>Punctuation</c>).</summary>
internal sealed class RegexSplitPreTokenizer(Regex pattern, SplitBehavior behavior, bool invert) : IRangePreTokenizer
{
    public void PreTokenize(NormalizedText piece, List<NormalizedText> output)
    {
        var words = new List<(int Start, int End)>();
        Splitter.AddSlices(Split(piece, words), words, output);
    }

    public NormalizedText Split(NormalizedText piece, List<(int Start, int End)> words)
    {
        var matches = new List<(int Start, int End)>();
        var text = piece.Text;
        var last = 0;
        foreach (var match in pattern.EnumerateMatches(RegexInput.ForMatching(text)))
        {
            // A match never splits a surrogate pair: its ends move to the pair's boundaries.
            var (start, end) = (Math.Max(match.Index, last), match.Index + match.Length);
            if (start > last && IsMidPair(text, start))
            {
                start--;
            }

            if (IsMidPair(text, end))
            {
                end++;
            }

            if (end > start)
            {
                matches.Add((start, end));
                last = end;
            }
        }

        Splitter.Split(text.Length, matches, behavior, invert, words);
        return piece;
    }

    private static bool IsMidPair(string text, int index) =>
        index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) && char.IsHighSurrogate(text[index - 1]);
}

/// <summary>Metaspace: spaces become the replacement char (▁), a prefix ▁ is prepended, then split before each ▁.</summary>
internal sealed class MetaspacePreTokenizer(char replacement, string prependScheme, bool split) : IRangePreTokenizer
{
    public char Replacement => replacement;

    public string PrependScheme => prependScheme;

    public void PreTokenize(NormalizedText piece, List<NormalizedText> output)
    {
        if (piece.Length == 0)
        {
            return;
        }

        var words = new List<(int Start, int End)>();
        Splitter.AddSlices(Split(piece, words), words, output);
    }

    /// <summary>The replaced text and its words (none for an empty piece).</summary>
    public NormalizedText Split(NormalizedText piece, List<(int Start, int End)> words)
    {
        if (piece.Length == 0)
        {
            return piece;
        }

        var replaced = Replace(piece);
        if (!split)
        {
            words.Add((0, replaced.Length));
            return replaced;
        }

        var matches = new List<(int Start, int End)>();
        for (var i = 0; i < replaced.Length; i++)
        {
            if (replaced.Text[i] == replacement)
            {
                matches.Add((i, i + 1));
            }
        }

        Splitter.Split(replaced.Length, matches, SplitBehavior.MergedWithNext, false, words);
        return replaced;
    }

    private NormalizedText Replace(NormalizedText piece)
    {
        var text = piece.Text;
        var prepend = text[0] != replacement && text[0] != ' '
            && (prependScheme == "always" || (prependScheme == "first" && piece.StartOf(0) == 0));
        var swapped = text.Replace(' ', replacement);
        if (!prepend)
        {
            // Char for char: the alignment stays.
            return piece.WithText(swapped);
        }

        var builder = piece.CreateBuilder();
        builder.Append(replacement, 0, 1);
        builder.AppendAligned(swapped, 0);
        return builder.Build();
    }
}
