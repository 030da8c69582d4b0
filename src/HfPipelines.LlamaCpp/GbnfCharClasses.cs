using System.Globalization;
using System.Text;

namespace HfPipelines.LlamaCpp;

/// <summary>
/// Splits the code points into classes that a GBNF grammar cannot tell apart: every literal character and every
/// range end of the grammar starts a new class, so two code points of one class match exactly the same character
/// elements (llama.cpp matches a character by its value only). Built from the grammar text; a construct it does not
/// know (e.g. token references) leaves one class per code point, which is always safe. Immutable; thread-safe.
/// </summary>
internal sealed class GbnfCharClasses
{
    private readonly int[] _starts;

    private GbnfCharClasses(int[] starts) => _starts = starts;

    /// <summary>True when every code point is its own class (the grammar was not understood).</summary>
    public bool IsIdentity => _starts.Length == 0;

    /// <summary>The class of a code point: a number shared by exactly the code points the grammar treats alike.</summary>
    public int Classify(int codePoint)
    {
        if (IsIdentity)
        {
            return codePoint;
        }

        var i = Array.BinarySearch(_starts, codePoint);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>Reads the literal characters and class ranges of a GBNF grammar.</summary>
    public static GbnfCharClasses Parse(string gbnf)
    {
        ArgumentNullException.ThrowIfNull(gbnf);
        var starts = new SortedSet<int> { 0 };
        var pos = 0;
        while (pos < gbnf.Length)
        {
            var c = gbnf[pos];
            if (c == '#')
            {
                while (pos < gbnf.Length && gbnf[pos] != '\n' && gbnf[pos] != '\r')
                {
                    pos++;
                }
            }
            else if (c == '"')
            {
                pos++;
                while (pos < gbnf.Length && gbnf[pos] != '"')
                {
                    if (!TryReadChar(gbnf, ref pos, out var value))
                    {
                        return new GbnfCharClasses([]);
                    }

                    AddSingle(starts, value);
                }

                pos++;
            }
            else if (c == '[')
            {
                if (!TryReadClass(gbnf, ref pos, starts))
                {
                    return new GbnfCharClasses([]);
                }
            }
            else if (char.IsAsciiLetterOrDigit(c) || char.IsWhiteSpace(c) || "-_:=|()*+?{},.".Contains(c, StringComparison.Ordinal))
            {
                pos++;
            }
            else
            {
                // Something this reader does not know (token references, a newer syntax): no classes.
                return new GbnfCharClasses([]);
            }
        }

        return new GbnfCharClasses([.. starts]);
    }

    private static bool TryReadClass(string gbnf, ref int pos, SortedSet<int> starts)
    {
        pos++;
        if (pos < gbnf.Length && gbnf[pos] == '^')
        {
            pos++;
        }

        while (pos < gbnf.Length && gbnf[pos] != ']')
        {
            if (!TryReadChar(gbnf, ref pos, out var low))
            {
                return false;
            }

            var high = low;
            if (pos + 1 < gbnf.Length && gbnf[pos] == '-' && gbnf[pos + 1] != ']')
            {
                pos++;
                if (!TryReadChar(gbnf, ref pos, out high))
                {
                    return false;
                }
            }

            starts.Add(low);
            if (high < int.MaxValue)
            {
                starts.Add(high + 1);
            }
        }

        pos++;
        return true;
    }

    private static void AddSingle(SortedSet<int> starts, int value)
    {
        starts.Add(value);
        starts.Add(value + 1);
    }

    /// <summary>One character of a literal or class, with llama.cpp's escapes (\x.. \u.... \U........ \t \r \n \\ \" \[ \]).</summary>
    private static bool TryReadChar(string gbnf, ref int pos, out int value)
    {
        value = 0;
        if (pos >= gbnf.Length)
        {
            return false;
        }

        if (gbnf[pos] != '\\')
        {
            if (Rune.DecodeFromUtf16(gbnf.AsSpan(pos), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            value = rune.Value;
            pos += used;
            return true;
        }

        if (pos + 1 >= gbnf.Length)
        {
            return false;
        }

        var escape = gbnf[pos + 1];
        pos += 2;
        switch (escape)
        {
            case 'x': return TryHex(gbnf, ref pos, 2, out value);
            case 'u': return TryHex(gbnf, ref pos, 4, out value);
            case 'U': return TryHex(gbnf, ref pos, 8, out value);
            case 't': value = '\t'; return true;
            case 'r': value = '\r'; return true;
            case 'n': value = '\n'; return true;
            case '\\' or '"' or '[' or ']': value = escape; return true;
            default: return false;
        }
    }

    private static bool TryHex(string gbnf, ref int pos, int digits, out int value)
    {
        value = 0;
        if (pos + digits > gbnf.Length || !int.TryParse(gbnf.AsSpan(pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        pos += digits;
        return true;
    }
}
