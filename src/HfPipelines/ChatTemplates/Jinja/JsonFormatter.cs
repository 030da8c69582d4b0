using System.Globalization;
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
    public static string Format(JValue input, JsonFormatOptions options, int depth, bool convertUndefinedToNull)
    {
        var indent = options.Indent is > 0 ? options.Indent.Value : 0;
        var itemSeparator = options.ItemSeparator ?? (indent > 0 ? "," : ", ");
        var keySeparator = options.KeySeparator ?? ": ";
        switch (input)
        {
            case JNull:
                return "null";
            case JUndefined:
                return convertUndefinedToNull ? "null" : "undefined";
            case JNumber number:
                return double.IsFinite(number.Value) ? JsNumber.ToString(number.Value) : "null";
            case JBool b:
                return b.Value ? "true" : "false";
            case JString s:
                return Quote(s.Value, options.EnsureAscii);
            case JArray { IsTuple: false } array:
                {
                    var indentValue = new string(' ', indent);
                    var basePadding = "\n" + string.Concat(Enumerable.Repeat(indentValue, depth));
                    var childrenPadding = basePadding + indentValue;
                    var core = array.Items.Select(x => Format(x, options, depth + 1, convertUndefinedToNull)).ToList();
                    return indent > 0 && core.Count > 0
                        ? "[" + childrenPadding + string.Join(itemSeparator + childrenPadding, core) + basePadding + "]"
                        : "[" + string.Join(itemSeparator, core) + "]";
                }

            case JObject { Kind: not JObjectKind.KeywordArguments } obj:
                {
                    var indentValue = new string(' ', indent);
                    var basePadding = "\n" + string.Concat(Enumerable.Repeat(indentValue, depth));
                    var childrenPadding = basePadding + indentValue;
                    IEnumerable<KeyValuePair<string, JValue>> entries = obj.Entries;
                    if (options.SortKeys)
                    {
                        entries = entries.OrderBy(e => e.Key, StringComparer.InvariantCulture);
                    }

                    var core = entries.Select(e =>
                    {
                        var v = Quote(e.Key, options.EnsureAscii) + keySeparator + Format(e.Value, options, depth + 1, convertUndefinedToNull);
                        return indent > 0 ? childrenPadding + v : v;
                    }).ToList();
                    return indent > 0 && core.Count > 0
                        ? "{" + string.Join(itemSeparator, core) + basePadding + "}"
                        : "{" + string.Join(itemSeparator, core) + "}";
                }

            default:
                throw new ChatTemplateException($"Cannot convert to JSON: {input.TypeName}");
        }
    }

    /// <summary><c>JSON.stringify(string)</c>, then optionally every code unit from U+007F escaped.</summary>
    public static string Quote(string value, bool ensureAscii)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
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

        return sb.Append('"').ToString();
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
