using System.Text;
using System.Text.RegularExpressions;

namespace HfPipelines.Tokenization.Normalizers;

/// <summary>Applies normalizers in order.</summary>
internal sealed class SequenceNormalizer(IReadOnlyList<INormalizer> normalizers) : INormalizer
{
    public NormalizedText Normalize(NormalizedText input)
    {
        foreach (var normalizer in normalizers)
        {
            input = normalizer.Normalize(input);
        }

        return input;
    }
}

/// <summary>Per code point lowercase (<c>Lowercase</c>).</summary>
internal sealed class LowercaseNormalizer : INormalizer
{
    public NormalizedText Normalize(NormalizedText input) =>
        PerCodePoint.Map(input, (text, i, length) => UnicodeText.ToLower(text, i, length));
}

/// <summary>Removes non-spacing marks (<c>StripAccents</c>, usually after NFD).</summary>
internal sealed class StripAccentsNormalizer : INormalizer
{
    public NormalizedText Normalize(NormalizedText input) =>
        PerCodePoint.Map(input, (text, i, length) =>
            UnicodeText.Category(text, i) == System.Globalization.UnicodeCategory.NonSpacingMark ? string.Empty : text.Substring(i, length));
}

/// <summary>NFC, NFD, NFKC, NFKD; also the approximation of <c>Precompiled</c> (SentencePiece nmt_nfkc) by NFKC.</summary>
internal sealed class UnicodeFormNormalizer(NormalizationForm form) : INormalizer
{
    public NormalizedText Normalize(NormalizedText input)
    {
        var text = input.Text;
        var builder = input.CreateBuilder();
        var i = 0;
        while (i < text.Length)
        {
            // A segment: one code point and the combining marks after it, normalized together.
            var end = i + UnicodeText.CodePointLength(text, i);
            while (end < text.Length && UnicodeText.IsMark(UnicodeText.Category(text, end)))
            {
                end += UnicodeText.CodePointLength(text, end);
            }

            var segment = text[i..end];
            builder.Append(UnicodeText.Normalize(segment, form), i, end);
            i = end;
        }

        return builder.Build();
    }
}

/// <summary>Strips whitespace on the left and/or right (<c>Strip</c>).</summary>
internal sealed class StripNormalizer(bool left, bool right) : INormalizer
{
    public NormalizedText Normalize(NormalizedText input)
    {
        var start = 0;
        var end = input.Length;
        while (left && start < end && char.IsWhiteSpace(input.Text[start]))
        {
            start++;
        }

        while (right && end > start && char.IsWhiteSpace(input.Text[end - 1]))
        {
            end--;
        }

        return input.Slice(start, end);
    }
}

/// <summary>Prepends a string to non-empty text (<c>Prepend</c>), aligned to the first char.</summary>
internal sealed class PrependNormalizer(string prepend) : INormalizer
{
    public NormalizedText Normalize(NormalizedText input)
    {
        if (input.Length == 0)
        {
            return input;
        }

        var builder = input.CreateBuilder();
        builder.Append(prepend, 0, 1);
        builder.AppendSource(0, input.Length);
        return builder.Build();
    }
}

/// <summary>Replaces a string or regex match with content (<c>Replace</c>).</summary>
internal sealed class ReplaceNormalizer(Regex pattern, string content) : INormalizer
{
    public NormalizedText Normalize(NormalizedText input)
    {
        // Only one-char matches replaced by one char (Llama's ' ' -> '▁'): a char-for-char rewrite, alignment kept.
        var oneForOne = content.Length == 1;
        var any = false;
        foreach (var match in pattern.EnumerateMatches(input.Text))
        {
            any |= match.Length > 0;
            oneForOne &= match.Length is 0 or 1;
        }

        if (!any)
        {
            return input;
        }

        if (oneForOne)
        {
            var chars = input.Text.ToCharArray();
            foreach (var match in pattern.EnumerateMatches(input.Text))
            {
                if (match.Length == 1)
                {
                    chars[match.Index] = content[0];
                }
            }

            return input.WithText(new string(chars));
        }

        var builder = input.CreateBuilder();
        var last = 0;
        foreach (var match in pattern.EnumerateMatches(input.Text))
        {
            if (match.Length == 0)
            {
                continue;
            }

            builder.AppendSource(last, match.Index);
            builder.Append(content, match.Index, match.Index + match.Length);
            last = match.Index + match.Length;
        }

        builder.AppendSource(last, input.Length);
        return builder.Build();
    }
}

/// <summary>Maps each code point to a replacement string.</summary>
internal static class PerCodePoint
{
    public static NormalizedText Map(NormalizedText input, Func<string, int, int, string> map)
    {
        var text = input.Text;
        var builder = input.CreateBuilder();
        for (var i = 0; i < text.Length;)
        {
            var length = UnicodeText.CodePointLength(text, i);
            builder.Append(map(text, i, length), i, i + length);
            i += length;
        }

        return builder.Build();
    }
}

/// <summary>An approximation of SentencePiece's <c>nmt_nfkc</c> precompiled charsmap: control chars removed, whitespace
/// variants and zero-width chars mapped to a space, then NFKC. The real charsmap is a compiled trie that this does not read.</summary>
internal sealed class NmtNfkcNormalizer(bool nfkc = true) : INormalizer
{
    private readonly UnicodeFormNormalizer _nfkc = new(NormalizationForm.FormKC);

    public NormalizedText Normalize(NormalizedText input)
    {
        var mapped = PerCodePoint.Map(input, (text, i, length) => text[i] switch
        {
            (>= '\u0001' and <= '\u0008') or '\u000B' or (>= '\u000E' and <= '\u001F') or '\u007F' or '\u008F' or '\u009F' => string.Empty,
            '\t' or '\n' or '\r' or '\u000C' or '\u1680' or (>= '\u200B' and <= '\u200F') or '\u2028' or '\u2029' or '\u2581' or '\uFEFF' or '\uFFFD' => " ",
            _ => text.Substring(i, length),
        });
        return nfkc ? _nfkc.Normalize(mapped) : mapped;
    }
}

/// <summary>Every UTF-8 byte mapped to its byte-level char (<c>ByteLevel</c> normalizer).</summary>
internal sealed class ByteLevelNormalizer : INormalizer
{
    public NormalizedText Normalize(NormalizedText input) => PreTokenizers.ByteLevelPreTokenizer.ToBytes(input);
}
