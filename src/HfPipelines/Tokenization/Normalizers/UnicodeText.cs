using System.Globalization;
using System.Text;

namespace HfPipelines.Tokenization.Normalizers;

/// <summary>Unicode helpers that follow Rust's <c>char</c> semantics, as the Hugging Face tokenizers library does.</summary>
internal static class UnicodeText
{
    /// <summary>The length (1 or 2) of the code point at <paramref name="index"/>; a lone surrogate counts as one.</summary>
    public static int CodePointLength(string text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;

    /// <summary>The code point at <paramref name="index"/> (a lone surrogate is returned as is).</summary>
    public static int CodePointAt(string text, int index) =>
        CodePointLength(text, index) == 2 ? char.ConvertToUtf32(text[index], text[index + 1]) : text[index];

    public static UnicodeCategory Category(string text, int index) =>
        CharUnicodeInfo.GetUnicodeCategory(CodePointAt(text, index));

    /// <summary>Rust's <c>char::is_whitespace</c> (the White_Space property).</summary>
    public static bool IsWhitespace(int codePoint) =>
        codePoint < 0x10000 && char.IsWhiteSpace((char)codePoint);

    /// <summary>Hugging Face's BERT punctuation: any ASCII symbol or a Unicode P* category.</summary>
    public static bool IsBertPunctuation(string text, int index)
    {
        var c = text[index];
        if (c < 128)
        {
            return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
        }

        return Category(text, index) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    /// <summary>Rust's per-char <c>to_lowercase</c>.</summary>
    public static string ToLower(string text, int index, int length)
    {
        if (length == 1)
        {
            var c = text[index];
            return c == '\u0130' ? "i\u0307" : char.ToLowerInvariant(c).ToString();
        }

        return text.Substring(index, length).ToLowerInvariant();
    }

    /// <summary>Unicode normalization of one segment; a segment that cannot be normalized (lone surrogate) is kept.</summary>
    public static string Normalize(string segment, NormalizationForm form)
    {
        try
        {
            return segment.IsNormalized(form) ? segment : segment.Normalize(form);
        }
        catch (ArgumentException)
        {
            return segment;
        }
    }

    /// <summary>True for a combining mark (categories Mn, Mc, Me).</summary>
    public static bool IsMark(UnicodeCategory category) =>
        category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
