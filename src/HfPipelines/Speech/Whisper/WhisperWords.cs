using System.Globalization;
using System.Text;
using HfPipelines.Tokenization;

namespace HfPipelines.Speech.Whisper;

/// <summary>
/// Groups text tokens into words, as transformers.js <c>combineTokensIntoWords</c> (transformers'
/// <c>_combine_tokens_into_words</c>): tokens are first cut where they decode to whole characters; languages written
/// without spaces (Chinese, Japanese, Thai, Lao, Burmese, Cantonese) keep those pieces as words, the others join
/// pieces up to the next one that starts with a space or is punctuation; then opening punctuation joins the word
/// after it and closing punctuation the word before it. "Punctuation" is transformers.js's: only Unicode punctuation
/// and ASCII symbols (Python checks the ASCII ones alone).
/// </summary>
internal static class WhisperWords
{
    private const string PrependPunctuation = "\"'“¡¿([{-";
    private const string AppendPunctuation = "\"'.。,，!！?？:：”)]}、";
    private const char Replacement = '\uFFFD';

    private static readonly HashSet<string> UnspacedLanguages = new(StringComparer.OrdinalIgnoreCase) { "zh", "ja", "th", "lo", "my", "yue" };

    /// <summary>The words of <paramref name="tokens"/> and, for each, the indices of its tokens.</summary>
    /// <param name="tokens">Text tokens (no special or timestamp tokens).</param>
    /// <param name="tokenizer">The tokenizer that decodes them.</param>
    /// <param name="language">Language code (<c>en</c>, <c>zh</c> ...); null is English.</param>
    public static List<(string Text, List<int> Indices)> Combine(IReadOnlyList<int> tokens, ITextTokenizer tokenizer, string? language)
    {
        var words = language is not null && UnspacedLanguages.Contains(language)
            ? SplitOnUnicode(tokens, tokenizer)
            : SplitOnSpaces(tokens, tokenizer);
        MergePunctuation(words);
        return [.. words.Where(w => w.Text.Length > 0)];
    }

    /// <summary>Cuts where the tokens so far decode without a broken character (transformers' <c>_split_tokens_on_unicode</c>).</summary>
    internal static List<(string Text, List<int> Indices)> SplitOnUnicode(IReadOnlyList<int> tokens, ITextTokenizer tokenizer)
    {
        var full = tokenizer.Decode(tokens, skipSpecialTokens: false);
        var pieces = new List<(string, List<int>)>();
        var current = new List<int>();
        var offset = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            current.Add(i);
            var decoded = tokenizer.Decode(current.Select(c => tokens[c]), skipSpecialTokens: false);
            var broken = decoded.IndexOf(Replacement, StringComparison.Ordinal);

            // A replacement character that the whole text has at the same place is real text, not a cut character.
            if (broken < 0 || (offset + broken < full.Length && full[offset + broken] == Replacement))
            {
                pieces.Add((decoded, current));
                current = [];
                offset += decoded.Length;
            }
        }

        return pieces;
    }

    /// <summary>Joins pieces into space-separated words (transformers' <c>_split_tokens_on_spaces</c>).</summary>
    internal static List<(string Text, List<int> Indices)> SplitOnSpaces(IReadOnlyList<int> tokens, ITextTokenizer tokenizer)
    {
        var words = new List<(string Text, List<int> Indices)>();
        foreach (var (piece, indices) in SplitOnUnicode(tokens, tokenizer))
        {
            var startsWord = piece.StartsWith(' ') || IsPunctuation(piece.Trim());
            if (startsWord || words.Count == 0)
            {
                words.Add((piece, indices));
            }
            else
            {
                words[^1] = (words[^1].Text + piece, [.. words[^1].Indices, .. indices]);
            }
        }

        return words;
    }

    /// <summary>Whether the text is non-empty and all Unicode punctuation or ASCII symbols (transformers.js's
    /// <c>PUNCTUATION_ONLY_REGEX</c>).</summary>
    internal static bool IsPunctuation(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            var ascii = rune.Value is (>= 0x21 and <= 0x2F) or (>= 0x3A and <= 0x40) or (>= 0x5B and <= 0x60) or (>= 0x7B and <= 0x7E);
            if (!ascii && !IsPunctuationCategory(Rune.GetUnicodeCategory(rune)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPunctuationCategory(UnicodeCategory category) => category is UnicodeCategory.ConnectorPunctuation
        or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
        or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;

    /// <summary>
    /// Opening punctuation (a word that is a space and one of <c>"'“¡¿([{-</c>) moves onto the next word; closing
    /// punctuation moves onto the word before unless that word ends with a space (transformers' <c>_merge_punctuations</c>).
    /// Emptied words stay as empty strings for the caller to drop.
    /// </summary>
    internal static void MergePunctuation(List<(string Text, List<int> Indices)> words)
    {
        for (int i = words.Count - 2, j = words.Count - 1; i >= 0; i--)
        {
            if (words[i].Text.StartsWith(' ') && PrependPunctuation.Contains(words[i].Text.Trim(), StringComparison.Ordinal))
            {
                words[j] = (words[i].Text + words[j].Text, [.. words[i].Indices, .. words[j].Indices]);
                words[i] = (string.Empty, []);
            }
            else
            {
                j = i;
            }
        }

        for (int i = 0, j = 1; j < words.Count; j++)
        {
            if (!words[i].Text.EndsWith(' ') && AppendPunctuation.Contains(words[j].Text, StringComparison.Ordinal))
            {
                words[i] = (words[i].Text + words[j].Text, [.. words[i].Indices, .. words[j].Indices]);
                words[j] = (string.Empty, []);
            }
            else
            {
                i = j;
            }
        }
    }
}
