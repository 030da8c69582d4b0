using System.Globalization;

namespace HfPipelines.Tokenization.PreTokenizers;

/// <summary>
/// .NET regexes match UTF-16 code units, so <c>\p{L}</c> and <c>\p{N}</c> miss letters and digits outside the BMP
/// (math letters, CJK extension B), which the Rust library's regexes match as code points. Before matching, each such
/// surrogate pair is replaced by two BMP chars of the same class; the string keeps its length, so match positions
/// apply to the original.
/// </summary>
internal static class RegexInput
{
    public static string ForMatching(string text)
    {
        var first = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = first; i + 1 < chars.Length; i++)
        {
            if (!char.IsHighSurrogate(chars[i]) || !char.IsLowSurrogate(chars[i + 1]))
            {
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(chars[i], chars[i + 1]));
            var replacement = category switch
            {
                UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => 'a',
                UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => '0',
                _ => '\0',
            };
            if (replacement != '\0')
            {
                chars[i] = chars[i + 1] = replacement;
            }

            i++;
        }

        return new string(chars);
    }
}
