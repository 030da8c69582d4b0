namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>
/// JavaScript's <c>==</c>, <c>===</c> and <c>String(x)</c> applied to the raw values behind runtime values, as
/// @huggingface/jinja compares and concatenates them (<c>left.value == right.value</c>).
/// </summary>
internal static class JsEquality
{
    /// <summary><c>a.value === b.value</c>: numbers by value, strings by content, containers by reference; null and undefined alike.</summary>
    public static bool Strict(JValue a, JValue b) => (a, b) switch
    {
        (JNull or JUndefined, JNull or JUndefined) => true,
        (JNumber x, JNumber y) => x.Value == y.Value,
        (JString x, JString y) => string.Equals(x.Value, y.Value, StringComparison.Ordinal),
        (JBool x, JBool y) => x.Value == y.Value,
        (JArray x, JArray y) => ReferenceEquals(x.Items, y.Items),
        (JObject x, JObject y) => ReferenceEquals(x.Entries, y.Entries),
        _ => ReferenceEquals(a, b),
    };

    /// <summary><c>a.value == b.value</c> with JavaScript's type coercions.</summary>
    public static bool Loose(JValue a, JValue b)
    {
        while (true)
        {
            var aNullish = a is JNull or JUndefined;
            var bNullish = b is JNull or JUndefined;
            if (aNullish || bNullish)
            {
                return aNullish && bNullish;
            }

            if (SameKind(a, b))
            {
                return Strict(a, b);
            }

            switch (a, b)
            {
                case (JNumber x, JString y):
                    return x.Value == JsNumber.ToNumber(y.Value);
                case (JString x, JNumber y):
                    return JsNumber.ToNumber(x.Value) == y.Value;
                case (JBool x, _):
                    a = JNumber.Int(x.Value ? 1 : 0);
                    continue;
                case (_, JBool y):
                    b = JNumber.Int(y.Value ? 1 : 0);
                    continue;
                case (JArray or JObject or JFunction, JNumber or JString):
                    a = new JString(ValueToString(a));
                    continue;
                case (JNumber or JString, JArray or JObject or JFunction):
                    b = new JString(ValueToString(b));
                    continue;
                default:
                    return false;
            }
        }
    }

    private static bool SameKind(JValue a, JValue b) => (a, b) switch
    {
        (JNumber, JNumber) or (JString, JString) or (JBool, JBool) => true,
        (JArray or JObject or JFunction, JArray or JObject or JFunction) => true,
        _ => false,
    };

    /// <summary><c>String(value.value)</c>, as <c>~</c> and string <c>+</c> concatenate.</summary>
    public static string ValueToString(JValue value) => value switch
    {
        JNumber n => JsNumber.ToString(n.Value),
        JString s => s.Value,
        JBool b => b.Value ? "true" : "false",
        JArray a => string.Join(",", a.Items.Select(x => x.Display())),
        JObject => "[object Map]",
        JFunction => value.Display(),
        _ => throw new ChatTemplateException($"Cannot read properties of {value.TypeName}"),
    };

    /// <summary>An element of <c>Array.prototype.join</c>: null and undefined join as empty.</summary>
    public static string JoinElement(JValue value) => value is JNull or JUndefined ? string.Empty : ValueToString(value);
}
