using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>The options of the <c>tojson</c> filter.</summary>
internal sealed record JsonFormatOptions(int? Indent, bool EnsureAscii, string? ItemSeparator, string? KeySeparator, bool SortKeys)
{
    public static readonly JsonFormatOptions Default = new(null, false, null, null, false);
}

/// <summary>@huggingface/jinja's <c>toJSON</c>: Python-like separators, insertion key order, non-ASCII kept unless asked.</summary>
internal static class JsonFormatter
{
    private const int MaxDepth = 512;

    /// <summary>Formats a value; throws once the text would pass <paramref name="maxLength"/> characters.</summary>
    public static string Format(JValue input, JsonFormatOptions options, int depth, bool convertUndefinedToNull, int maxLength = int.MaxValue)
    {
        var sb = new StringBuilder();
        Write(sb, input, options, depth, convertUndefinedToNull, maxLength);
        return sb.ToString();
    }

    // Longer than 40 lines on purpose: it mirrors one function of @huggingface/jinja branch for branch.
    private static void Write(StringBuilder sb, JValue input, JsonFormatOptions options, int depth, bool convertUndefinedToNull, int maxLength)
    {
        if (depth > MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new ChatTemplateException($"Cannot convert to JSON: the value nests deeper than {MaxDepth} levels.");
        }

        var indent = options.Indent is > 0 ? options.Indent.Value : 0;
        var itemSeparator = options.ItemSeparator ?? (indent > 0 ? "," : ", ");
        var keySeparator = options.KeySeparator ?? ": ";
        var childrenPadding = indent > 0 ? "\n" + new string(' ', indent * (depth + 1)) : string.Empty;
        var basePadding = indent > 0 ? "\n" + new string(' ', indent * depth) : string.Empty;
        switch (input)
        {
            case JNull:
                sb.Append("null");
                break;
            case JUndefined:
                sb.Append(convertUndefinedToNull ? "null" : "undefined");
                break;
            case JNumber number:
                sb.Append(double.IsFinite(number.Value) ? JsNumber.ToString(number.Value) : "null");
                break;
            case JBool b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case JString s:
                AppendQuoted(sb, s.Value, options.EnsureAscii);
                break;
            case JArray { IsTuple: false } array:
                sb.Append('[');
                for (var i = 0; i < array.Items.Count; i++)
                {
                    sb.Append(i > 0 ? itemSeparator : string.Empty).Append(childrenPadding);
                    Write(sb, array.Items[i], options, depth + 1, convertUndefinedToNull, maxLength);
                }

                sb.Append(array.Items.Count > 0 ? basePadding : string.Empty).Append(']');
                break;
            case JObject { Kind: not JObjectKind.KeywordArguments } obj:
                IEnumerable<KeyValuePair<string, JValue>> entries = obj.Entries;
                if (options.SortKeys)
                {
                    entries = entries.OrderBy(e => e.Key, StringComparer.InvariantCulture);
                }

                sb.Append('{');
                var first = true;
                foreach (var (key, value) in entries)
                {
                    sb.Append(first ? string.Empty : itemSeparator).Append(childrenPadding);
                    AppendQuoted(sb, key, options.EnsureAscii);
                    sb.Append(keySeparator);
                    Write(sb, value, options, depth + 1, convertUndefinedToNull, maxLength);
                    first = false;
                }

                sb.Append(first ? string.Empty : basePadding).Append('}');
                break;
            default:
                throw new ChatTemplateException($"Cannot convert to JSON: {input.TypeName}");
        }

        if (sb.Length > maxLength)
        {
            throw new ChatTemplateException($"The chat template produced more than {maxLength} characters. Raise ChatTemplateOptions.MaxOutputLength if the template is right.");
        }
    }

    /// <summary><c>JSON.stringify(string)</c>, then optionally every code unit from U+007F escaped.</summary>
    public static string Quote(string value, bool ensureAscii)
    {
        var sb = new StringBuilder(value.Length + 2);
        AppendQuoted(sb, value, ensureAscii);
        return sb.ToString();
    }

    private static void AppendQuoted(StringBuilder sb, string value, bool ensureAscii)
    {
        sb.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || IsLoneSurrogate(value, i) || (ensureAscii && c >= 0x7f))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    private static bool IsLoneSurrogate(string s, int i)
    {
        var c = s[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]);
        }

        return char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(s[i - 1]));
    }
}
