using System.Globalization;
using System.Text;

namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>JavaScript's number formatting and parsing (<c>Number.prototype.toString</c>, <c>parseInt</c>, <c>parseFloat</c>).</summary>
internal static class JsNumber
{
    /// <summary>Formats like JavaScript's <c>String(number)</c>.</summary>
    public static string ToString(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (value == 0)
        {
            return "0";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value < 0)
        {
            return "-" + ToString(-value);
        }

        var (digits, n) = Decompose(value);
        var k = digits.Length;
        if (k <= n && n <= 21)
        {
            return digits + new string('0', n - k);
        }

        if (n > 0 && n <= 21)
        {
            return digits[..n] + "." + digits[n..];
        }

        if (n > -6 && n <= 0)
        {
            return "0." + new string('0', -n) + digits;
        }

        var e = n - 1;
        var exponent = (e < 0 ? "-" : "+") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        return k == 1 ? digits + "e" + exponent : digits[..1] + "." + digits[1..] + "e" + exponent;
    }

    /// <summary><c>value.toFixed(1)</c> for an integral value.</summary>
    public static string ToFixed1(double value) =>
        Math.Abs(value) < 1e21 ? ToString(value) + ".0" : ToString(value);

    /// <summary>JavaScript's <c>parseInt(text, 10)</c>; NaN when no digits lead.</summary>
    public static double ParseInt(string text)
    {
        var i = SkipWhitespace(text);
        var negative = false;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            negative = text[i] == '-';
            i++;
        }

        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i == start)
        {
            return double.NaN;
        }

        var result = double.Parse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture);
        return negative ? -result : result;
    }

    /// <summary>JavaScript's <c>parseFloat(text)</c>; NaN when no number leads.</summary>
    public static double ParseFloat(string text)
    {
        var i = SkipWhitespace(text);
        var rest = text.AsSpan(i);
        var sign = 1.0;
        var offset = 0;
        if (rest.Length > 0 && (rest[0] == '+' || rest[0] == '-'))
        {
            sign = rest[0] == '-' ? -1 : 1;
            offset = 1;
        }

        if (rest[offset..].StartsWith("Infinity", StringComparison.Ordinal))
        {
            return sign * double.PositiveInfinity;
        }

        var length = NumberPrefixLength(rest);
        if (length == 0)
        {
            return double.NaN;
        }

        return double.Parse(rest[..length], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>JavaScript's <c>Number(text)</c> for loose equality: trimmed decimal text, empty is 0.</summary>
    public static double ToNumber(string text)
    {
        var trimmed = JsString.Trim(text);
        if (trimmed.Length == 0)
        {
            return 0;
        }

        if (trimmed is "Infinity" or "+Infinity")
        {
            return double.PositiveInfinity;
        }

        if (trimmed == "-Infinity")
        {
            return double.NegativeInfinity;
        }

        if (trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase) &&
            long.TryParse(trimmed.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }

        return NumberPrefixLength(trimmed) == trimmed.Length &&
            double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
    }

    private static int SkipWhitespace(string text)
    {
        var i = 0;
        while (i < text.Length && JsString.IsWhitespace(text[i]))
        {
            i++;
        }

        return i;
    }

    // Longer than 40 lines on purpose: it mirrors one function of @huggingface/jinja branch for branch.
    private static int NumberPrefixLength(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            i++;
        }

        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            var j = i + 1;
            var frac = 0;
            while (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                j++;
                frac++;
            }

            if (digits + frac > 0)
            {
                i = j;
                digits += frac;
            }
        }

        if (digits == 0)
        {
            return 0;
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            var j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-'))
            {
                j++;
            }

            var expStart = j;
            while (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                j++;
            }

            if (j > expStart)
            {
                i = j;
            }
        }

        return i;
    }

    private static (string Digits, int N) Decompose(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var exp = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? text[..dot] : text;
        var fracPart = dot >= 0 ? text[(dot + 1)..] : string.Empty;
        var digits = new StringBuilder(intPart).Append(fracPart);
        var n = intPart.Length + exp;
        while (digits.Length > 1 && digits[0] == '0')
        {
            digits.Remove(0, 1);
            n--;
        }

        while (digits.Length > 1 && digits[^1] == '0')
        {
            digits.Length--;
        }

        return (digits.ToString(), n);
    }
}
