namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>Filters written without arguments (<c>x | trim</c>), as @huggingface/jinja implements them.</summary>
internal sealed partial class Interpreter
{
    private JValue ApplyFilter(JValue operand, Node filterNode, Scope scope)
    {
        if (filterNode is CallNode call)
        {
            return ApplyCallFilter(operand, call, scope);
        }

        if (filterNode is not IdentifierNode { Value: var name })
        {
            throw new ChatTemplateException("Unknown filter");
        }

        if (name == "safe")
        {
            return operand;
        }

        if (name == "tojson")
        {
            return new JString(Checked(JsonFormatter.Format(operand, JsonFormatOptions.Default, 0, convertUndefinedToNull: true, _maxOutput)));
        }

        return operand switch
        {
            JArray array => ArrayFilter(array, name),
            JString s => StringFilter(s, name),
            JNumber n => NumberFilter(n, name),
            JObject { IsMapping: true } obj => ObjectFilter(obj, name),
            JBool b => name switch
            {
                "bool" => b,
                "int" => JNumber.Int(b.Value ? 1 : 0),
                "float" => JNumber.Float(b.Value ? 1 : 0),
                "string" => new JString(b.Value ? "true" : "false"),
                _ => throw new ChatTemplateException($"Unknown BooleanValue filter: {name}"),
            },
            _ => throw new ChatTemplateException($"Cannot apply filter \"{name}\" to type: {operand.TypeName}"),
        };
    }

    private JValue ArrayFilter(JArray array, string name)
    {
        var items = array.Items;
        switch (name)
        {
            case "list":
                return array;
            case "first":
                return items.Count > 0 ? items[0] : throw new ChatTemplateException("Cannot read properties of undefined: `first` of an empty list");
            case "last":
                return items.Count > 0 ? items[^1] : throw new ChatTemplateException("Cannot read properties of undefined: `last` of an empty list");
            case "length":
                return JNumber.Int(items.Count);
            case "reverse":
                return new JArray(Enumerable.Reverse(items).ToList());
            case "sort":
                return new JArray(Builtins.StableSort(items, (a, b) => Builtins.Compare(a, b, caseSensitive: false)));
            case "join":
                return new JString(Join(string.Empty, items.Select(JsEquality.JoinElement)));
            case "string":
                return new JString(JsonFormatter.Format(array, JsonFormatOptions.Default, 0, convertUndefinedToNull: false, _maxOutput));
            case "unique":
                var output = new List<JValue>();
                foreach (var item in items)
                {
                    if (!output.Any(seen => JsEquality.Strict(seen, item)))
                    {
                        output.Add(item);
                    }
                }

                return new JArray(output);
            default:
                throw new ChatTemplateException($"Unknown ArrayValue filter: {name}");
        }
    }

    private static JValue StringFilter(JString s, string name) => name switch
    {
        "length" => JNumber.Int(s.Value.Length),
        "upper" => new JString(JsString.Upper(s.Value)),
        "lower" => new JString(JsString.Lower(s.Value)),
        "title" => new JString(JsString.Title(s.Value)),
        "capitalize" => new JString(Builtins.Capitalize(s.Value)),
        "trim" => new JString(JsString.Trim(s.Value)),
        "indent" => new JString(Builtins.Indent(s.Value, 4, first: false, blank: false, int.MaxValue)),
        "join" or "string" => s,
        "int" => JNumber.Int(Builtins.ZeroIfNaN(JsNumber.ParseInt(s.Value))),
        "float" => JNumber.Float(Builtins.ZeroIfNaN(JsNumber.ParseFloat(s.Value))),
        _ => throw new ChatTemplateException($"Unknown StringValue filter: {name}"),
    };

    private static JValue NumberFilter(JNumber n, string name) => name switch
    {
        "abs" => new JNumber(Math.Abs(n.Value), n.IsFloat),
        "int" => JNumber.Int(Math.Floor(n.Value)),
        "float" => JNumber.Float(n.Value),
        "string" => new JString(n.Display()),
        _ => throw new ChatTemplateException($"Unknown NumericValue filter: {name}"),
    };

    private JValue ObjectFilter(JObject obj, string name)
    {
        switch (name)
        {
            case "items":
                return Builtins.Items(obj);
            case "length":
                return JNumber.Int(obj.Entries.Count);
            default:
                var builtin = Builtins.ObjectMember(obj, name, this);
                if (builtin is JFunction fn)
                {
                    return fn.Invoke([], new Scope(null));
                }

                return builtin ?? throw new ChatTemplateException($"Unknown ObjectValue filter: {name}");
        }
    }
}
