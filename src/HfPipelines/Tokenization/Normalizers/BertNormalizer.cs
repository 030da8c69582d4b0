using System.Globalization;
using System.Text;

namespace HfPipelines.Tokenization.Normalizers;

/// <summary>Hugging Face's <c>BertNormalizer</c>: clean text, space around CJK ideographs, strip accents, lowercase.</summary>
internal sealed class BertNormalizer(bool cleanText, bool handleChineseChars, bool? stripAccents, bool lowercase) : INormalizer
{
    public NormalizedText Normalize(NormalizedText input)
    {
        var text = input.Text;
        var builder = input.CreateBuilder();
        var strip = stripAccents ?? lowercase;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c >= ' ' && c < '\u007F')
            {
                // ASCII fast path: printable ASCII has no accents, and no CJK.
                builder.Append(lowercase && c is >= 'A' and <= 'Z' ? (char)(c + 32) : c, i, i + 1);
                i++;
                continue;
            }

            var length = UnicodeText.CodePointLength(text, i);
            var cp = UnicodeText.CodePointAt(text, i);
            if (cleanText && (cp == 0 || cp == 0xFFFD || IsControl(text, i, cp)))
            {
                i += length;
                continue;
            }

            if (cleanText && (cp is '\t' or '\n' or '\r' || UnicodeText.IsWhitespace(cp)))
            {
                builder.Append(' ', i, i + length);
            }
            else if (handleChineseChars && IsChineseChar(cp))
            {
                builder.Append(' ', i, i + length);
                builder.Append(Transform(text, i, length, strip), i, i + length);
                builder.Append(' ', i, i + length);
            }
            else
            {
                builder.Append(Transform(text, i, length, strip), i, i + length);
            }

            i += length;
        }

        return builder.Build();
    }

    private string Transform(string text, int index, int length, bool strip)
    {
        var value = text.Substring(index, length);
        if (strip)
        {
            value = StripAccents(value);
        }

        return lowercase && value.Length > 0 ? Lower(value) : value;
    }

    private static string Lower(string value)
    {
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length;)
        {
            var length = UnicodeText.CodePointLength(value, i);
            sb.Append(UnicodeText.ToLower(value, i, length));
            i += length;
        }

        return sb.ToString();
    }

    /// <summary>NFD, then drop non-spacing marks (Mn).</summary>
    internal static string StripAccents(string value)
    {
        var decomposed = UnicodeText.Normalize(value, NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        for (var i = 0; i < decomposed.Length;)
        {
            var length = UnicodeText.CodePointLength(decomposed, i);
            if (UnicodeText.Category(decomposed, i) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(decomposed, i, length);
            }

            i += length;
        }

        return sb.ToString();
    }

    private static bool IsControl(string text, int index, int cp)
    {
        if (cp is '\t' or '\n' or '\r')
        {
            return false;
        }

        return UnicodeText.Category(text, index) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate;
    }

    private static bool IsChineseChar(int cp) =>
        cp is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF)
            or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B920 and <= 0x2CEAF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}
