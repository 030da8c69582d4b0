namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>Filters written with arguments (<c>x | tojson(indent=2)</c>), as @huggingface/jinja implements them.</summary>
internal sealed partial class Interpreter
{
    private JValue ApplyCallFilter(JValue operand, CallNode filter, Scope scope)
    {
        if (filter.Callee is not IdentifierNode { Value: var name })
        {
            throw new ChatTemplateException("Unknown filter: the filter must be a name");
        }

        switch (name)
        {
            case "tojson":
                return ToJsonFilter(operand, filter, scope);
            case "join":
                return JoinFilter(operand, filter, scope);
            case "int":
            case "float":
                return NumberConversionFilter(operand, name, filter, scope);
            case "default":
                var (args, kwargs) = EvaluateArguments(filter.Args, scope);
                var defaultValue = args.Count > 0 ? args[0] : JString.Empty;
                var boolean = args.Count > 1 ? args[1] : kwargs.GetValueOrDefault("boolean") ?? JBool.False;
                if (boolean is not JBool flag)
                {
                    throw new ChatTemplateException("`default` filter flag must be a boolean");
                }

                return operand is JUndefined || (flag.Value && !operand.IsTruthy) ? defaultValue : operand;
        }

        return operand switch
        {
            JArray array => ArrayCallFilter(array, name, filter, scope),
            JString s => StringCallFilter(s, name, filter, scope),
            JObject { IsMapping: true } obj => ObjectCallFilter(obj, name, filter, scope),
            _ => throw new ChatTemplateException($"Cannot apply filter \"{name}\" to type: {operand.TypeName}"),
        };
    }

    private JString ToJsonFilter(JValue operand, CallNode filter, Scope scope)
    {
        var (_, kwargs) = EvaluateArguments(filter.Args, scope);
        var indent = kwargs.GetValueOrDefault("indent") ?? JNull.Instance;
        if (indent is not (JNumber { IsFloat: false } or JNull))
        {
            throw new ChatTemplateException("If set, indent must be a number");
        }

        var ensureAscii = kwargs.GetValueOrDefault("ensure_ascii") ?? JBool.False;
        var sortKeys = kwargs.GetValueOrDefault("sort_keys") ?? JBool.False;
        if (ensureAscii is not JBool ascii || sortKeys is not JBool sort)
        {
            throw new ChatTemplateException("If set, ensure_ascii and sort_keys must be booleans");
        }

        var separatorsArg = kwargs.GetValueOrDefault("separators") ?? JNull.Instance;
        string? itemSeparator = null;
        string? keySeparator = null;
        if (separatorsArg is JArray separators)
        {
            if (separators.Items is not [JString item, JString key])
            {
                throw new ChatTemplateException("separators must be a tuple of two strings");
            }

            (itemSeparator, keySeparator) = (item.Value, key.Value);
        }
        else if (separatorsArg is not JNull)
        {
            throw new ChatTemplateException("If set, separators must be a tuple of two strings");
        }

        var width = indent is JNumber n ? (int)Math.Clamp(n.Value, 0, 1000) : (int?)null;
        var options = new JsonFormatOptions(width, ascii.Value, itemSeparator, keySeparator, sort.Value);
        return new JString(Checked(JsonFormatter.Format(operand, options, 0, convertUndefinedToNull: true, _maxOutput)));
    }

    private JString JoinFilter(JValue operand, CallNode filter, Scope scope)
    {
        var values = operand switch
        {
            JString s => JsString.CodePoints(s.Value),
            JArray array => array.Items.Select(JsEquality.JoinElement).ToList(),
            _ => throw new ChatTemplateException($"Cannot apply filter \"join\" to type: {operand.TypeName}"),
        };
        var (args, kwargs) = EvaluateArguments(filter.Args, scope);
        var separator = (args.Count > 0 ? args[0] : null) ?? kwargs.GetValueOrDefault("separator") ?? JString.Empty;
        if (separator is not JString sep)
        {
            throw new ChatTemplateException("separator must be a string");
        }

        return new JString(Join(sep.Value, values));
    }

    private JValue NumberConversionFilter(JValue operand, string name, CallNode filter, Scope scope)
    {
        var (args, kwargs) = EvaluateArguments(filter.Args, scope);
        var isInt = name == "int";
        var defaultValue = (args.Count > 0 ? args[0] : null) ?? kwargs.GetValueOrDefault("default") ?? new JNumber(0, !isInt);
        switch (operand)
        {
            case JString s:
                var value = isInt ? JsNumber.ParseInt(s.Value) : JsNumber.ParseFloat(s.Value);
                return double.IsNaN(value) ? defaultValue : new JNumber(value, !isInt);
            case JNumber:
                return operand;
            case JBool b:
                return new JNumber(b.Value ? 1 : 0, !isInt);
            default:
                throw new ChatTemplateException($"Cannot apply filter \"{name}\" to type: {operand.TypeName}");
        }
    }

    private JValue StringCallFilter(JString s, string name, CallNode filter, Scope scope)
    {
        var (args, kwargs) = EvaluateArguments(filter.Args, scope);
        switch (name)
        {
            case "indent":
                var width = (args.Count > 0 ? args[0] : null) ?? kwargs.GetValueOrDefault("width") ?? JNumber.Int(4);
                if (width is not JNumber { IsFloat: false } w)
                {
                    throw new ChatTemplateException("width must be a number");
                }

                var first = (args.Count > 1 ? args[1] : null) ?? kwargs.GetValueOrDefault("first") ?? JBool.False;
                var blank = (args.Count > 2 ? args[2] : null) ?? kwargs.GetValueOrDefault("blank") ?? JBool.False;
                return new JString(Checked(Builtins.Indent(s.Value, (int)Math.Clamp(w.Value, 0, 10000), Builtins.RawTruthy(first), Builtins.RawTruthy(blank), _maxOutput)));
            case "replace":
                var replaceArgs = new List<JValue>(args) { new JObject(kwargs, JObjectKind.KeywordArguments) };
                return Builtins.StringReplace(s, replaceArgs, this);
            default:
                throw new ChatTemplateException($"Unknown StringValue filter: {name}");
        }
    }

    private JValue ObjectCallFilter(JObject obj, string name, CallNode filter, Scope scope)
    {
        if (Builtins.ObjectMember(obj, name, this) is JFunction fn)
        {
            var (args, kwargs) = EvaluateArguments(filter.Args, scope);
            if (kwargs.Count > 0)
            {
                args.Add(new JObject(kwargs, JObjectKind.KeywordArguments));
            }

            return fn.Invoke(args, scope);
        }

        throw new ChatTemplateException($"Unknown ObjectValue filter: {name}");
    }
}
