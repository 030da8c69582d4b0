namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>
/// A runtime value of the interpreter, shaped like @huggingface/jinja's <c>RuntimeValue</c> classes so that
/// truthiness, printing and equality follow that renderer exactly.
/// </summary>
internal abstract class JValue
{
    /// <summary>The @huggingface/jinja type name (used in error messages and type checks).</summary>
    public abstract string TypeName { get; }

    /// <summary>Python-like truthiness (<c>__bool__</c>).</summary>
    public abstract bool IsTruthy { get; }

    /// <summary>What <c>{{ value }}</c> prints (the runtime value's <c>toString()</c>).</summary>
    public abstract string Display();

    /// <inheritdoc />
    public override string ToString() => Display();
}

internal sealed class JNumber : JValue
{
    public JNumber(double value, bool isFloat)
    {
        Value = value;
        IsFloat = isFloat;
    }

    public double Value { get; }

    /// <summary>True for a <c>FloatValue</c>, false for an <c>IntegerValue</c>.</summary>
    public bool IsFloat { get; }

    public override string TypeName => IsFloat ? "FloatValue" : "IntegerValue";

    public override bool IsTruthy => Value != 0 && !double.IsNaN(Value);

    public static JNumber Int(double value) => new(value, false);

    public static JNumber Float(double value) => new(value, true);

    public override string Display()
    {
        if (!IsFloat)
        {
            return JsNumber.ToString(Value);
        }

        if (Value == 0 && double.IsNegative(Value))
        {
            return "-0.0";
        }

        return Value % 1 == 0 ? JsNumber.ToFixed1(Value) : JsNumber.ToString(Value);
    }
}

internal sealed class JString : JValue
{
    public static readonly JString Empty = new(string.Empty);

    public JString(string value) => Value = value;

    public string Value { get; }

    public override string TypeName => "StringValue";

    public override bool IsTruthy => Value.Length > 0;

    public override string Display() => Value;
}

internal sealed class JBool : JValue
{
    public static readonly JBool True = new(true);
    public static readonly JBool False = new(false);

    private JBool(bool value) => Value = value;

    public bool Value { get; }

    public override string TypeName => "BooleanValue";

    public override bool IsTruthy => Value;

    public static JBool Of(bool value) => value ? True : False;

    public override string Display() => Value ? "true" : "false";
}

internal sealed class JNull : JValue
{
    public static readonly JNull Instance = new();

    public override string TypeName => "NullValue";

    public override bool IsTruthy => false;

    public override string Display() => "undefined";
}

internal sealed class JUndefined : JValue
{
    public static readonly JUndefined Instance = new();

    public override string TypeName => "UndefinedValue";

    public override bool IsTruthy => false;

    public override string Display() => "undefined";
}

/// <summary>An array (<c>ArrayValue</c>) or, with <see cref="IsTuple"/>, a <c>TupleValue</c>.</summary>
internal sealed class JArray : JValue
{
    public JArray(List<JValue> items, bool isTuple = false)
    {
        Items = items;
        IsTuple = isTuple;
    }

    public List<JValue> Items { get; }

    public bool IsTuple { get; }

    public override string TypeName => IsTuple ? "TupleValue" : "ArrayValue";

    public override bool IsTruthy => Items.Count > 0;

    public override string Display() => JsonFormatter.Format(this, JsonFormatOptions.Default, 0, convertUndefinedToNull: false);
}

/// <summary>A mapping (<c>ObjectValue</c>), a <c>KeywordArgumentsValue</c> or, with <see cref="IsNamespace"/>, a <c>NamespaceValue</c>.</summary>
internal sealed class JObject : JValue
{
    public JObject(OrderedDictionary<string, JValue> entries, JObjectKind kind = JObjectKind.Object)
    {
        Entries = entries;
        Kind = kind;
    }

    public OrderedDictionary<string, JValue> Entries { get; }

    public JObjectKind Kind { get; }

    public bool IsNamespace => Kind == JObjectKind.Namespace;

    /// <summary>True for an <c>ObjectValue</c> (including keyword arguments), false for a namespace.</summary>
    public bool IsMapping => Kind != JObjectKind.Namespace;

    public override string TypeName => Kind switch
    {
        JObjectKind.Namespace => "NamespaceValue",
        JObjectKind.KeywordArguments => "KeywordArgumentsValue",
        _ => "ObjectValue",
    };

    public override bool IsTruthy => IsNamespace || Entries.Count > 0;

    public override string Display() => JsonFormatter.Format(this, JsonFormatOptions.Default, 0, convertUndefinedToNull: false);
}

internal enum JObjectKind
{
    Object,
    KeywordArguments,
    Namespace,
}

/// <summary>A callable: a macro, a global function or a builtin method.</summary>
internal sealed class JFunction : JValue
{
    public JFunction(Func<List<JValue>, Scope, JValue> invoke) => Invoke = invoke;

    public Func<List<JValue>, Scope, JValue> Invoke { get; }

    public override string TypeName => "FunctionValue";

    public override bool IsTruthy => true;

    public override string Display() => "[function]";
}
