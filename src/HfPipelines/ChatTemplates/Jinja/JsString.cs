using System.Text;

namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>JavaScript string semantics the renderer depends on (whitespace class, trim, split, replace, title case).</summary>
internal static class JsString
{
    /// <summary>JavaScript's <c>\s</c> class.</summary>
    public static bool IsWhitespace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00a0' or '\u1680' or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' or '\ufeff' => true,
        _ => c >= '\u2000' && c <= '\u200a',
    };

    /// <summary>JavaScript's ASCII <c>\w</c> class.</summary>
    public static bool IsWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    public static string Trim(string s) => TrimEnd(TrimStart(s));

    public static string TrimStart(string s)
    {
        var i = 0;
        while (i < s.Length && IsWhitespace(s[i]))
        {
            i++;
        }

        return i == 0 ? s : s[i..];
    }

    public static string TrimEnd(string s)
    {
        var i = s.Length;
        while (i > 0 && IsWhitespace(s[i - 1]))
        {
            i--;
        }

        return i == s.Length ? s : s[..i];
    }

    public static string Upper(string s) => JsCase.Upper(s);

    public static string Lower(string s) => JsCase.Lower(s);

    /// <summary><c>value.replace(/\b\w/g, c =&gt; c.toUpperCase())</c>.</summary>
    public static string Title(string s)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (IsWord(chars[i]) && (i == 0 || !IsWord(chars[i - 1])))
            {
                chars[i] = char.ToUpperInvariant(chars[i]);
            }
        }

        return new string(chars);
    }

    /// <summary>The string split into code points, as <c>Array.from(string)</c> does.</summary>
    public static List<string> CodePoints(string s)
    {
        var result = new List<string>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                result.Add(s.Substring(i, 2));
                i++;
            }
            else
            {
                result.Add(s[i].ToString());
            }
        }

        return result;
    }

    /// <summary>Python-style <c>str.split(None, maxsplit)</c> as @huggingface/jinja implements it.</summary>
    public static List<string> SplitWhitespace(string value, int maxsplit)
    {
        var text = TrimStart(value);
        var result = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && IsWhitespace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var start = i;
            while (i < text.Length && !IsWhitespace(text[i]))
            {
                i++;
            }

            if (maxsplit != -1 && result.Count >= maxsplit)
            {
                result.Add(text[start..]);
                break;
            }

            result.Add(text[start..i]);
        }

        return result;
    }

    /// <summary>Python-style <c>str.split(sep, maxsplit)</c> as @huggingface/jinja implements it.</summary>
    public static List<string> Split(string value, string separator, int maxsplit)
    {
        var parts = value.Split(separator).ToList();
        if (maxsplit != -1 && parts.Count > maxsplit)
        {
            var rest = string.Join(separator, parts.Skip(maxsplit));
            parts.RemoveRange(maxsplit, parts.Count - maxsplit);
            parts.Add(rest);
        }

        return parts;
    }

    /// <summary>Replaces up to <paramref name="count"/> occurrences (all when null or negative).</summary>
    public static string Replace(string str, string oldValue, string newValue, double? count)
    {
        if (count == 0)
        {
            return str;
        }

        var remaining = count is null || count < 0 ? double.PositiveInfinity : count.Value;
        var sb = new StringBuilder();
        if (oldValue.Length == 0)
        {
            foreach (var cp in CodePoints(str))
            {
                if (remaining-- > 0)
                {
                    sb.Append(newValue);
                }

                sb.Append(cp);
            }

            if (remaining > 0)
            {
                sb.Append(newValue);
            }

            return sb.ToString();
        }

        var pos = 0;
        while (remaining > 0)
        {
            var found = str.IndexOf(oldValue, pos, StringComparison.Ordinal);
            if (found < 0)
            {
                break;
            }

            sb.Append(str, pos, found - pos).Append(newValue);
            pos = found + oldValue.Length;
            remaining--;
        }

        return sb.Append(str, pos, str.Length - pos).ToString();
    }
}
