using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace HfPipelines.Tokenization.Normalizers;

/// <summary>Hugging Face's <c>BertNormalizer</c>: clean text, space around CJK ideographs, strip accents, lowercase.</summary>
internal sealed class BertNormalizer(bool cleanText, bool handleChineseChars, bool? stripAccents, bool lowercase) : INormalizer
{
    // The rewrite of a non-ASCII code point depends on the code point alone: cached, so that accent stripping (NFD)
    // and lowercasing run once per distinct code point rather than once per occurrence.
    private const int TransformCacheCapacity = 8192;
    private readonly ConcurrentDictionary<int, string> _transforms = new();

    public NormalizedText Normalize(NormalizedText input)
    {
        var text = input.Text;

        // Printable ASCII only (the common case): no control char, accent or CJK; at most a char-for-char lowercase.
        if (!text.AsSpan().ContainsAnyExceptInRange(' ', '~'))
        {
            return !lowercase || !text.AsSpan().ContainsAnyInRange('A', 'Z')
                ? input
                : input.WithText(string.Create(text.Length, text, static (span, t) => Ascii.ToLower(t, span, out _)));
        }

        var strip = stripAccents ?? lowercase;
        if (TryCharForChar(text, strip) is { } rewritten)
        {
            return input.WithText(rewritten);
        }

        var builder = input.CreateBuilder();
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
                builder.Append(Transform(text, i, length, cp, strip), i, i + length);
                builder.Append(' ', i, i + length);
            }
            else
            {
                builder.Append(Transform(text, i, length, cp, strip), i, i + length);
            }

            i += length;
        }

        return builder.Build();
    }

    /// <summary>The normalized text when every char becomes exactly one char (accented Latin, Greek, Cyrillic ...
    /// lowercased or stripped), so the alignment stays as it is; null when a char is removed, expanded, spaced (CJK) or
    /// part of a surrogate pair.</summary>
    private string? TryCharForChar(string text, bool strip)
    {
        Span<char> result = text.Length <= 512 ? stackalloc char[text.Length] : new char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= ' ' && c < '\u007F')
            {
                result[i] = lowercase && c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
                continue;
            }

            if (char.IsSurrogate(c) || (cleanText && (c == 0 || c == 0xFFFD || IsControl(text, i, c))) || (handleChineseChars && IsChineseChar(c)))
            {
                return null;
            }

            if (cleanText && (c is '\t' or '\n' or '\r' || UnicodeText.IsWhitespace(c)))
            {
                result[i] = ' ';
                continue;
            }

            var value = Transform(text, i, 1, c, strip);
            if (value.Length != 1)
            {
                return null;
            }

            result[i] = value[0];
        }

        return new string(result);
    }

    private string Transform(string text, int index, int length, int cp, bool strip)
    {
        if (_transforms.TryGetValue(cp, out var cached))
        {
            return cached;
        }

        var value = Transform(text, index, length, strip);
        if (_transforms.Count < TransformCacheCapacity)
        {
            _transforms.TryAdd(cp, value);
        }

        return value;
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
