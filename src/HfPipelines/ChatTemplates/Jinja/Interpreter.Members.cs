namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>Member access (<c>a.b</c>, <c>a['b']</c>, <c>a[0]</c>) and slices (<c>a[1:-1]</c>).</summary>
internal sealed partial class Interpreter
{
    // Longer than 40 lines on purpose: it mirrors one function of @huggingface/jinja branch for branch.
    private JValue EvaluateMember(MemberNode node, Scope scope)
    {
        var obj = Evaluate(node.Object, scope);
        JValue property;
        if (node.Computed)
        {
            if (node.Property is SliceNode slice)
            {
                return EvaluateSlice(obj, slice, scope);
            }

            property = Evaluate(node.Property, scope);
        }
        else if (node.Property is NumberLiteralNode number)
        {
            property = JNumber.Int(number.Value);
        }
        else
        {
            property = new JString(((IdentifierNode)node.Property).Value);
        }

        JValue? value;
        switch (obj)
        {
            case JObject container:
                if (property is not JString key)
                {
                    throw new ChatTemplateException($"Cannot access property with non-string: got {property.TypeName}");
                }

                value = container.Entries.GetValueOrDefault(key.Value) ?? (container.IsMapping ? Builtins.ObjectMember(container, key.Value, this) : null);
                break;
            case JArray or JString:
                value = property switch
                {
                    JNumber { IsFloat: false } index => ElementAt(obj, index.Value),
                    JString name => obj is JString s ? Builtins.StringMember(s, name.Value, this) : name.Value == "length" ? JNumber.Int(((JArray)obj).Items.Count) : null,
                    _ => throw new ChatTemplateException($"Cannot access property with non-string/non-number: got {property.TypeName}"),
                };
                break;
            default:
                if (property is not JString)
                {
                    throw new ChatTemplateException($"Cannot access property with non-string: got {property.TypeName}");
                }

                value = null;
                break;
        }

        return value ?? JUndefined.Instance;
    }

    private static JValue? ElementAt(JValue obj, double position)
    {
        var length = obj is JString s ? s.Value.Length : ((JArray)obj).Items.Count;
        var index = position < 0 ? length + position : position;
        if (index < 0 || index >= length || index % 1 != 0)
        {
            return null;
        }

        return obj is JString str ? new JString(str.Value[(int)index].ToString()) : ((JArray)obj).Items[(int)index];
    }

    private JValue EvaluateSlice(JValue obj, SliceNode node, Scope scope)
    {
        if (obj is not (JArray or JString))
        {
            throw new ChatTemplateException("Slice object must be an array or string");
        }

        var start = SliceBound(Evaluate(node.Start, scope), "start");
        var stop = SliceBound(Evaluate(node.Stop, scope), "stop");
        var step = SliceBound(Evaluate(node.Step, scope), "step");
        if (obj is JArray array)
        {
            return new JArray(Slice(array.Items, start, stop, step));
        }

        return new JString(string.Concat(Slice(JsString.CodePoints(((JString)obj).Value), start, stop, step)));
    }

    private static double? SliceBound(JValue value, string name) => value switch
    {
        JNumber { IsFloat: false } n => n.Value,
        JUndefined => null,
        _ => throw new ChatTemplateException($"Slice {name} must be numeric or undefined"),
    };

    private List<T> Slice<T>(List<T> array, double? startArg, double? stopArg, double? stepArg)
    {
        var step = stepArg ?? 1;
        if (step == 0)
        {
            // JavaScript loops forever here; a template must not hang the caller.
            throw new ChatTemplateException("Slice step cannot be zero");
        }

        double length = array.Count;
        double start;
        double stop;
        if (step > 0)
        {
            start = startArg ?? 0;
            start = start < 0 ? Math.Max(length + start, 0) : Math.Min(start, length);
            stop = stopArg ?? length;
            stop = stop < 0 ? Math.Max(length + stop, 0) : Math.Min(stop, length);
        }
        else
        {
            start = startArg ?? length - 1;
            start = start < 0 ? Math.Max(length + start, -1) : Math.Min(start, length - 1);
            stop = stopArg ?? -1;
            stop = stop < -1 ? Math.Max(length + stop, -1) : Math.Min(stop, length - 1);
        }

        var direction = Math.Sign(step);
        var result = new List<T>();
        for (var i = start; direction * i < direction * stop; i += step)
        {
            Charge(1);
            result.Add(array[(int)i]);
        }

        return result;
    }
}
