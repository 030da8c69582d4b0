namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>Methods of strings and mappings (<c>s.strip()</c>, <c>d.items()</c>) and helpers shared by filters.</summary>
internal static partial class Builtins
{
    /// <summary>JavaScript truthiness of the raw value (<c>!!x.value</c>): every list and mapping is true.</summary>
    public static bool RawTruthy(JValue value) => value switch
    {
        JBool b => b.Value,
        JNumber n => n.Value != 0 && !double.IsNaN(n.Value),
        JString s => s.Value.Length > 0,
        JNull or JUndefined => false,
        _ => true,
    };

    public static double ZeroIfNaN(double value) => double.IsNaN(value) ? 0 : value;

    public static string Capitalize(string value) =>
        value.Length == 0 ? value : JsString.Upper(value[..1]) + value[1..];

    public static string Indent(string value, int width, bool first, bool blank, int maxLength)
    {
        var pad = new string(' ', width);
        var lines = value.Split('\n');
        if ((long)lines.Length * width + value.Length > maxLength)
        {
            throw new ChatTemplateException($"The chat template produced more than {maxLength} characters. Raise ChatTemplateOptions.MaxOutputLength if the template is right.");
        }

        for (var i = 0; i < lines.Length; i++)
        {
            if ((first || i != 0) && (blank || lines[i].Length != 0))
            {
                lines[i] = pad + lines[i];
            }
        }

        return string.Join('\n', lines);
    }

    public static List<JValue> StableSort(List<JValue> items, Comparison<JValue> comparison)
    {
        var indexed = items.Select((item, index) => (item, index)).ToList();
        indexed.Sort((x, y) =>
        {
            var c = comparison(x.item, y.item);
            return c != 0 ? c : x.index.CompareTo(y.index);
        });
        return indexed.Select(x => x.item).ToList();
    }

    /// <summary>@huggingface/jinja's <c>compareRuntimeValues</c>.</summary>
    public static int Compare(JValue a, JValue b, bool caseSensitive)
    {
        if (a is JNull && b is JNull)
        {
            return 0;
        }

        if (a is JNull || b is JNull || (a is JUndefined ^ b is JUndefined))
        {
            throw new ChatTemplateException($"Cannot compare {a.TypeName} with {b.TypeName}");
        }

        if (a is JUndefined)
        {
            return 0;
        }

        if (a is JNumber or JBool && b is JNumber or JBool)
        {
            var x = Numeric(a);
            var y = Numeric(b);
            return x < y ? -1 : x > y ? 1 : 0;
        }

        if (a.TypeName != b.TypeName)
        {
            throw new ChatTemplateException($"Cannot compare different types: {a.TypeName} and {b.TypeName}");
        }

        if (a is JString sa && b is JString sb)
        {
            var x = caseSensitive ? sa.Value : JsString.Lower(sa.Value);
            var y = caseSensitive ? sb.Value : JsString.Lower(sb.Value);
            return Math.Sign(string.CompareOrdinal(x, y));
        }

        throw new ChatTemplateException($"Cannot compare type: {a.TypeName}");
    }

    private static double Numeric(JValue value) => value is JBool b ? (b.Value ? 1 : 0) : ((JNumber)value).Value;

    /// <summary>Follows a dotted attribute path through mappings, namespaces and lists (<c>map(attribute='a.b')</c>).</summary>
    public static JValue GetAttributeValue(JValue item, string path)
    {
        var value = item;
        foreach (var part in path.Split('.'))
        {
            if (value is JObject obj)
            {
                value = obj.Entries.GetValueOrDefault(part) ?? JUndefined.Instance;
            }
            else if (value is JArray array)
            {
                var index = JsNumber.ParseInt(part);
                if (double.IsNaN(index) || index < 0 || index >= array.Items.Count)
                {
                    return JUndefined.Instance;
                }

                value = array.Items[(int)index];
            }
            else
            {
                return JUndefined.Instance;
            }
        }

        return value;
    }

    public static JArray Items(JObject obj) =>
        new(obj.Entries.Select(e => (JValue)new JArray([new JString(e.Key), e.Value])).ToList());

    /// <summary>A builtin member of a mapping (<c>get</c>, <c>items</c>, <c>keys</c>, <c>values</c>, <c>dictsort</c>), or null.</summary>
    public static JValue? ObjectMember(JObject obj, string name, Interpreter interpreter) => name switch
    {
        "get" => new JFunction((args, _) =>
        {
            var key = args.Count > 0 ? args[0] : JUndefined.Instance;
            if (key is not JString k)
            {
                throw new ChatTemplateException($"Object key must be a string: got {key.TypeName}");
            }

            return obj.Entries.GetValueOrDefault(k.Value) ?? (args.Count > 1 ? args[1] : JNull.Instance);
        }),
        "items" => new JFunction((_, _) => Items(obj)),
        "keys" => new JFunction((_, _) => new JArray(obj.Entries.Keys.Select(k => (JValue)new JString(k)).ToList())),
        "values" => new JFunction((_, _) => new JArray(obj.Entries.Values.ToList())),
        "dictsort" => new JFunction((args, _) => DictSort(obj, args, interpreter)),
        _ => null,
    };

    private static JArray DictSort(JObject obj, List<JValue> args, Interpreter interpreter)
    {
        var kwargs = new OrderedDictionary<string, JValue>(StringComparer.Ordinal);
        var positional = new List<JValue>();
        foreach (var arg in args)
        {
            if (arg is JObject { Kind: JObjectKind.KeywordArguments } kw)
            {
                kwargs = kw.Entries;
            }
            else
            {
                positional.Add(arg);
            }
        }

        var caseSensitive = (positional.Count > 0 ? positional[0] : null) ?? kwargs.GetValueOrDefault("case_sensitive") ?? JBool.False;
        var by = (positional.Count > 1 ? positional[1] : null) ?? kwargs.GetValueOrDefault("by") ?? new JString("key");
        var reverse = (positional.Count > 2 ? positional[2] : null) ?? kwargs.GetValueOrDefault("reverse") ?? JBool.False;
        if (caseSensitive is not JBool cs || reverse is not JBool rev || by is not JString { Value: "key" or "value" } b)
        {
            throw new ChatTemplateException("dictsort: case_sensitive and reverse must be booleans, by must be 'key' or 'value'");
        }

        interpreter.Charge(obj.Entries.Count);
        var index = b.Value == "key" ? 0 : 1;
        return new JArray(StableSort(Items(obj).Items, (x, y) =>
        {
            var result = Compare(((JArray)x).Items[index], ((JArray)y).Items[index], cs.Value);
            return rev.Value ? -result : result;
        }));
    }
}
