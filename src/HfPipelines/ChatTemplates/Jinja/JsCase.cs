using System.Text;

namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>
/// JavaScript's <c>toUpperCase</c>/<c>toLowerCase</c>: the invariant mapping plus the Unicode special casings
/// JavaScript applies and .NET does not (ß → SS, ligatures, final sigma, İ → i̇).
/// </summary>
internal static class JsCase
{
    private static readonly Dictionary<char, string> s_upper = new()
    {
        ['\u00df'] = "SS", ['\u0149'] = "\u02bcN", ['\u01f0'] = "J\u030c", ['\u0390'] = "\u0399\u0308\u0301",
        ['\u03b0'] = "\u03a5\u0308\u0301", ['\u0587'] = "\u0535\u0552", ['\u1e96'] = "H\u0331", ['\u1e97'] = "T\u0308",
        ['\u1e98'] = "W\u030a", ['\u1e99'] = "Y\u030a", ['\u1e9a'] = "A\u02be", ['\ufb00'] = "FF", ['\ufb01'] = "FI",
        ['\ufb02'] = "FL", ['\ufb03'] = "FFI", ['\ufb04'] = "FFL", ['\ufb05'] = "ST", ['\ufb06'] = "ST",
        ['\ufb13'] = "\u0544\u0546", ['\ufb14'] = "\u0544\u0535", ['\ufb15'] = "\u0544\u053b", ['\ufb16'] = "\u054e\u0546",
        ['\ufb17'] = "\u0544\u053d", ['\u1fb3'] = "\u0391\u0399", ['\u1fbc'] = "\u0391\u0399", ['\u1fc3'] = "\u0397\u0399",
        ['\u1fcc'] = "\u0397\u0399", ['\u1ff3'] = "\u03a9\u0399", ['\u1ffc'] = "\u03a9\u0399",
    };

    public static string Upper(string value)
    {
        var upper = value.ToUpperInvariant();
        if (!value.Any(s_upper.ContainsKey))
        {
            return upper;
        }

        var sb = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            if (s_upper.TryGetValue(value[i], out var special))
            {
                sb.Append(special);
            }
            else
            {
                sb.Append(upper[i]);
            }
        }

        return sb.ToString();
    }

    public static string Lower(string value)
    {
        var lower = value.ToLowerInvariant();
        if (value.IndexOfAny(['\u0130', '\u03a3']) < 0)
        {
            return lower;
        }

        var sb = new StringBuilder(value.Length + 4);
        for (var i = 0; i < value.Length; i++)
        {
            sb.Append(value[i] switch
            {
                '\u0130' => "i\u0307",
                '\u03a3' => IsFinalSigma(value, i) ? "\u03c2" : "\u03c3",
                _ => lower[i].ToString(),
            });
        }

        return sb.ToString();
    }

    private static bool IsFinalSigma(string value, int index)
    {
        var before = index - 1;
        while (before >= 0 && IsCaseIgnorable(value[before]))
        {
            before--;
        }

        if (before < 0 || !char.IsLetter(value[before]))
        {
            return false;
        }

        var after = index + 1;
        while (after < value.Length && IsCaseIgnorable(value[after]))
        {
            after++;
        }

        return after >= value.Length || !char.IsLetter(value[after]);
    }

    private static bool IsCaseIgnorable(char c) =>
        c is '\'' or '.' or ':' or '\u00b7' or '\u2019' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.EnclosingMark or System.Globalization.UnicodeCategory.Format
            or System.Globalization.UnicodeCategory.ModifierLetter or System.Globalization.UnicodeCategory.ModifierSymbol;
}
