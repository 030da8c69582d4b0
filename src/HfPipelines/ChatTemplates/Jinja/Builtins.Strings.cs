namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>String methods: <c>strip</c>, <c>split</c>, <c>startswith</c>, <c>replace</c>...</summary>
internal static partial class Builtins
{
    /// <summary>A builtin member of a string, or null.</summary>
    public static JValue? StringMember(JString s, string name, Interpreter interpreter) => name switch
    {
        "upper" => Method(() => JsString.Upper(s.Value)),
        "lower" => Method(() => JsString.Lower(s.Value)),
        "strip" => Method(() => JsString.Trim(s.Value)),
        "title" => Method(() => JsString.Title(s.Value)),
        "capitalize" => Method(() => Capitalize(s.Value)),
        "length" => JNumber.Int(s.Value.Length),
        "rstrip" => Method(() => JsString.TrimEnd(s.Value)),
        "lstrip" => Method(() => JsString.TrimStart(s.Value)),
        "startswith" => new JFunction((args, _) => JBool.Of(Affix(s.Value, args, "startswith", (v, p) => v.StartsWith(p, StringComparison.Ordinal)))),
        "endswith" => new JFunction((args, _) => JBool.Of(Affix(s.Value, args, "endswith", (v, p) => v.EndsWith(p, StringComparison.Ordinal)))),
        "split" => new JFunction((args, _) => Split(s.Value, args, interpreter)),
        "replace" => new JFunction((args, _) => StringReplace(s, args, interpreter)),
        _ => null,
    };

    private static JFunction Method(Func<string> body) => new((_, _) => new JString(body()));

    private static bool Affix(string value, List<JValue> args, string name, Func<string, string, bool> test)
    {
        if (args.Count == 0)
        {
            throw new ChatTemplateException($"{name}() requires at least one argument");
        }

        switch (args[0])
        {
            case JString pattern:
                return test(value, pattern.Value);
            case JArray patterns:
                foreach (var item in patterns.Items)
                {
                    if (item is not JString p)
                    {
                        throw new ChatTemplateException($"{name}() tuple elements must be strings");
                    }

                    if (test(value, p.Value))
                    {
                        return true;
                    }
                }

                return false;
            default:
                throw new ChatTemplateException($"{name}() argument must be a string or tuple of strings");
        }
    }

    private static JArray Split(string value, List<JValue> args, Interpreter interpreter)
    {
        var sep = args.Count > 0 ? args[0] : JNull.Instance;
        if (sep is not (JString or JNull))
        {
            throw new ChatTemplateException("sep argument must be a string or null");
        }

        var maxsplitValue = args.Count > 1 ? args[1] : JNumber.Int(-1);
        if (maxsplitValue is not JNumber { IsFloat: false } maxsplit)
        {
            throw new ChatTemplateException("maxsplit argument must be a number");
        }

        var max = (int)Math.Clamp(maxsplit.Value, -1, int.MaxValue);
        List<string> parts;
        if (sep is JString separator)
        {
            if (separator.Value.Length == 0)
            {
                throw new ChatTemplateException("empty separator");
            }

            parts = JsString.Split(value, separator.Value, max);
        }
        else
        {
            parts = JsString.SplitWhitespace(value, max);
        }

        interpreter.Charge(parts.Count);
        return new JArray(parts.Select(p => (JValue)new JString(p)).ToList());
    }

    public static JString StringReplace(JString s, List<JValue> args, Interpreter interpreter)
    {
        if (args.Count < 2)
        {
            throw new ChatTemplateException("replace() requires at least two arguments");
        }

        if (args[0] is not JString oldValue || args[1] is not JString newValue)
        {
            throw new ChatTemplateException("replace() arguments must be strings");
        }

        var count = args.Count > 2
            ? args[2] is JObject { Kind: JObjectKind.KeywordArguments } kw ? kw.Entries.GetValueOrDefault("count") ?? JNull.Instance : args[2]
            : JNull.Instance;
        if (count is not (JNumber { IsFloat: false } or JNull))
        {
            throw new ChatTemplateException("replace() count argument must be a number or null");
        }

        var limit = count is JNumber n ? n.Value : (double?)null;
        var growth = (long)Math.Max(0, newValue.Value.Length - oldValue.Value.Length);
        var matches = oldValue.Value.Length == 0 ? s.Value.Length + 1L : s.Value.Length / oldValue.Value.Length;
        interpreter.Checked(s.Value.Length + (growth * matches));
        return new JString(interpreter.Checked(JsString.Replace(s.Value, oldValue.Value, newValue.Value, limit)));
    }
}
