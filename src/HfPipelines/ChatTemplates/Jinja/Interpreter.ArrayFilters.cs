namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>List filters with arguments: <c>sort</c>, <c>selectattr</c>, <c>rejectattr</c>, <c>map</c>.</summary>
internal sealed partial class Interpreter
{
    private JValue ArrayCallFilter(JArray array, string name, CallNode filter, Scope scope)
    {
        switch (name)
        {
            case "sort":
                return SortFilter(array, filter, scope);
            case "selectattr":
            case "rejectattr":
                return SelectAttrFilter(array, name, filter, scope);
            case "map":
                var (_, kwargs) = EvaluateArguments(filter.Args, scope);
                if (!kwargs.TryGetValue("attribute", out var attribute))
                {
                    throw new ChatTemplateException("`map` expressions without `attribute` set are not currently supported.");
                }

                if (attribute is not JString attr)
                {
                    throw new ChatTemplateException("attribute must be a string");
                }

                var defaultValue = kwargs.GetValueOrDefault("default");
                return new JArray(array.Items.Select(item =>
                {
                    if (item is not JObject)
                    {
                        throw new ChatTemplateException("items in map must be an object");
                    }

                    var value = Builtins.GetAttributeValue(item, attr.Value);
                    return value is JUndefined ? defaultValue ?? JUndefined.Instance : value;
                }).ToList());
            default:
                throw new ChatTemplateException($"Unknown ArrayValue filter: {name}");
        }
    }

    private JArray SortFilter(JArray array, CallNode filter, Scope scope)
    {
        var (args, kwargs) = EvaluateArguments(filter.Args, scope);
        var reverse = (args.Count > 0 ? args[0] : null) ?? kwargs.GetValueOrDefault("reverse") ?? JBool.False;
        var caseSensitive = (args.Count > 1 ? args[1] : null) ?? kwargs.GetValueOrDefault("case_sensitive") ?? JBool.False;
        if (reverse is not JBool rev || caseSensitive is not JBool cs)
        {
            throw new ChatTemplateException("reverse and case_sensitive must be booleans");
        }

        var attribute = (args.Count > 2 ? args[2] : null) ?? kwargs.GetValueOrDefault("attribute") ?? JNull.Instance;
        string? path = attribute switch
        {
            JNull => null,
            JString s => s.Value,
            JNumber { IsFloat: false } n => JsNumber.ToString(n.Value),
            _ => throw new ChatTemplateException("attribute must be a string, integer, or null"),
        };
        JValue Key(JValue item) => path is null ? item : Builtins.GetAttributeValue(item, path);
        return new JArray(Builtins.StableSort(array.Items, (a, b) =>
        {
            var result = Builtins.Compare(Key(a), Key(b), cs.Value);
            return rev.Value ? -result : result;
        }));
    }

    private JArray SelectAttrFilter(JArray array, string name, CallNode filter, Scope scope)
    {
        var select = name == "selectattr";
        if (array.Items.Any(item => item is not JObject))
        {
            throw new ChatTemplateException($"`{name}` can only be applied to array of objects");
        }

        if (filter.Args.Any(x => x is not StringLiteralNode))
        {
            throw new ChatTemplateException($"arguments of `{name}` must be strings");
        }

        var args = filter.Args.Select(x => Evaluate(x, scope)).ToList();
        var attr = args.Count > 0 ? (JString)args[0] : throw new ChatTemplateException($"`{name}` needs an attribute name");
        var testName = args.Count > 1 ? ((JString)args[1]).Value : null;
        var value = args.Count > 2 ? args[2] : null;
        if (testName is not null && !JinjaTests.Exists(testName))
        {
            throw new ChatTemplateException($"Unknown test: {testName}");
        }

        return new JArray(array.Items.Where(item =>
        {
            var a = ((JObject)item).Entries.GetValueOrDefault(attr.Value);
            var result = a is not null && (testName is null ? a.IsTruthy : JinjaTests.Run(testName, a, value));
            return select ? result : !result;
        }).ToList());
    }
}
