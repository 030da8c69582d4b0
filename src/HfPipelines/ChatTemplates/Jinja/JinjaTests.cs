namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>The <c>is</c> tests of @huggingface/jinja (<c>x is defined</c>, <c>x is string</c>...).</summary>
internal static class JinjaTests
{
    private static readonly HashSet<string> s_names = new(StringComparer.Ordinal)
    {
        "boolean", "callable", "odd", "even", "false", "true", "none", "string", "number", "integer", "iterable",
        "mapping", "sequence", "lower", "upper", "defined", "undefined", "equalto", "eq",
    };

    public static bool Exists(string name) => s_names.Contains(name);

    /// <summary>Runs a test; <paramref name="argument"/> is null when the test was written without one.</summary>
    public static bool Run(string name, JValue operand, JValue? argument) => name switch
    {
        "boolean" => operand is JBool,
        "callable" => operand is JFunction,
        "odd" => operand is JNumber { IsFloat: false } odd ? odd.Value % 2 != 0 : throw new ChatTemplateException($"cannot odd on {operand.TypeName}"),
        "even" => operand is JNumber { IsFloat: false } even ? even.Value % 2 == 0 : throw new ChatTemplateException($"cannot even on {operand.TypeName}"),
        "false" => operand is JBool { Value: false },
        "true" => operand is JBool { Value: true },
        "none" => operand is JNull,
        "string" => operand is JString,
        "number" => operand is JNumber,
        "integer" => operand is JNumber { IsFloat: false },
        "iterable" => operand is JArray { IsTuple: false } or JString,
        "mapping" => operand is JObject { IsMapping: true },
        "sequence" => operand is JArray or JString || operand is JObject { IsMapping: true },
        "lower" => operand is JString lower && lower.Value == JsString.Lower(lower.Value),
        "upper" => operand is JString upper && upper.Value == JsString.Upper(upper.Value),
        "defined" => operand is not JUndefined,
        "undefined" => operand is JUndefined,
        "equalto" or "eq" => argument is null
            ? throw new ChatTemplateException($"The '{name}' test needs a value to compare with")
            : JsEquality.Strict(operand, argument),
        _ => throw new ChatTemplateException($"Unknown test: {name}"),
    };
}
