using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HfPipelines.Generation;

/// <summary>
/// Turns JSON schemas into GBNF rules (llama.cpp's grammar format). Supports <c>type</c> (object, string,
/// number, integer, boolean, null, array, and type lists), <c>properties</c>/<c>required</c>, <c>enum</c>,
/// <c>const</c>, <c>anyOf</c>/<c>oneOf</c>, <c>items</c>, <c>minItems</c>/<c>maxItems</c>,
/// <c>minLength</c>/<c>maxLength</c> and local <c>$ref</c>s; unknown keys are ignored. Strings and
/// arrays are capped (<see cref="JsonSchemaGbnfOptions"/>). One instance builds one grammar; not thread-safe.
/// </summary>
public sealed class JsonSchemaGbnfConverter
{
    private static readonly JsonElement s_emptySchema = JsonDocument.Parse("{}").RootElement.Clone();
    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly JsonSchemaGbnfOptions _options;
    private readonly Dictionary<string, string> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refRules = new(StringComparer.Ordinal);
    private JsonElement _rootSchema;

    /// <summary>Creates a converter.</summary>
    /// <param name="options">Limits; null for the defaults.</param>
    public JsonSchemaGbnfConverter(JsonSchemaGbnfOptions? options = null)
    {
        _options = options ?? new JsonSchemaGbnfOptions();
        _rules["ws"] = "\" \"?";
    }

    /// <summary>Converts one schema into a complete grammar whose <c>root</c> rule matches it.</summary>
    /// <param name="schema">The JSON schema.</param>
    /// <param name="options">Limits; null for the defaults.</param>
    /// <returns>The GBNF text.</returns>
    public static string Convert(JsonElement schema, JsonSchemaGbnfOptions? options = null)
    {
        var converter = new JsonSchemaGbnfConverter(options);
        converter.AddRule("root", converter.AddSchema(schema, "value"));
        return converter.Build();
    }

    /// <summary>Adds (or replaces) a rule by name.</summary>
    /// <param name="name">Rule name: letters, digits and '-'.</param>
    /// <param name="body">The rule's right-hand side.</param>
    public void AddRule(string name, string body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(body);
        _rules[name] = body;
    }

    /// <summary>Adds the rules for a schema and returns the expression (usually a rule name) matching it.</summary>
    /// <param name="schema">The schema.</param>
    /// <param name="hint">A name hint for the new rules.</param>
    /// <returns>A GBNF expression.</returns>
    public string AddSchema(JsonElement schema, string hint)
    {
        if (_rootSchema.ValueKind == JsonValueKind.Undefined)
        {
            _rootSchema = schema;
        }

        return Visit(schema, Sanitize(hint));
    }

    /// <summary>The grammar text: every rule added so far, root first.</summary>
    /// <returns>The GBNF text.</returns>
    public string Build()
    {
        var sb = new StringBuilder();
        if (_rules.TryGetValue("root", out var root))
        {
            sb.Append("root ::= ").Append(root).Append('\n');
        }

        foreach (var (name, body) in _rules.Where(r => r.Key != "root").OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            sb.Append(name).Append(" ::= ").Append(body).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Writes a JSON value as a GBNF literal that matches exactly its compact JSON text.</summary>
    /// <param name="jsonText">Compact JSON text, e.g. <c>"red"</c> with its quotes.</param>
    /// <returns>The quoted GBNF literal.</returns>
    public static string Literal(string jsonText)
    {
        ArgumentNullException.ThrowIfNull(jsonText);
        var sb = new StringBuilder("\"");
        foreach (var c in jsonText)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default: sb.Append(c); break;
            }
        }

        return sb.Append('"').ToString();
    }

    private string Visit(JsonElement schema, string hint)
    {
        if (schema.ValueKind == JsonValueKind.True || schema.ValueKind != JsonValueKind.Object)
        {
            return AnyValue();
        }

        if (schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String)
        {
            return VisitRef(reference.GetString()!);
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return Literal(JsonSerializer.Serialize(constant, s_json));
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            return Named(hint, Alternatives(values.EnumerateArray().Select(v => Literal(JsonSerializer.Serialize(v, s_json)))));
        }

        foreach (var key in (string[])["anyOf", "oneOf"])
        {
            if (schema.TryGetProperty(key, out var options) && options.ValueKind == JsonValueKind.Array)
            {
                var alternatives = options.EnumerateArray().Select((o, i) => Visit(o, $"{hint}-{i}")).ToList();
                return Named(hint, Alternatives(alternatives));
            }
        }

        if (schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array)
        {
            return Named(hint, Alternatives(type.EnumerateArray().Select(t => VisitType(schema, t.GetString() ?? "null", $"{hint}-{t.GetString()}"))));
        }

        var typeName = type.ValueKind == JsonValueKind.String ? type.GetString()! : InferType(schema);
        return VisitType(schema, typeName, hint);
    }

    private string VisitType(JsonElement schema, string type, string hint) => type switch
    {
        "object" => schema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object
            ? VisitObject(schema, props, hint)
            : GenericObject(),
        "array" => VisitArray(schema, hint),
        "string" => VisitString(schema),
        "integer" => Primitive("integer", IntegerBody()),
        "number" => Primitive("number", $"{IntegerBody()} (\".\" [0-9]{{1,6}})? ([eE] [-+]? [0-9]{{1,3}})?"),
        "boolean" => Primitive("boolean", "\"true\" | \"false\""),
        "null" => Primitive("null", "\"null\""),
        _ => AnyValue(),
    };

    private static string InferType(JsonElement schema) =>
        schema.TryGetProperty("properties", out _) ? "object" : schema.TryGetProperty("items", out _) ? "array" : "any";

    private string VisitObject(JsonElement schema, JsonElement properties, string hint)
    {
        var required = schema.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.Array
            ? req.EnumerateArray().Select(r => r.GetString()).Where(r => r is not null).ToHashSet(StringComparer.Ordinal)
            : [];
        var mandatory = new List<string>();
        var optional = new List<string>();
        foreach (var property in properties.EnumerateObject())
        {
            var value = Visit(property.Value, $"{hint}-{property.Name}");
            var pair = $"{Literal(JsonSerializer.Serialize(property.Name, s_json))} ws \":\" ws {value}";
            (required.Contains(property.Name) ? mandatory : optional).Add(pair);
        }

        string body;
        if (mandatory.Count > 0)
        {
            body = string.Join(" \",\" ws ", mandatory) + string.Concat(optional.Select(o => $" (\",\" ws {o})?"));
        }
        else
        {
            body = optional.Count == 0 ? string.Empty : $"({OptionalChain(optional, 0, hint)})?";
        }

        return Named(hint, $"\"{{\" ws {body} ws \"}}\"");
    }

    /// <summary>Optional properties in order, none required: any non-empty ordered subset.</summary>
    private string OptionalChain(List<string> optional, int start, string hint)
    {
        var alternatives = new List<string>();
        for (var i = start; i < optional.Count; i++)
        {
            var rest = string.Concat(optional.Skip(i + 1).Select(o => $" (\",\" ws {o})?"));
            alternatives.Add(optional[i] + rest);
        }

        return Named($"{hint}-opt", Alternatives(alternatives));
    }

    private string VisitArray(JsonElement schema, string hint)
    {
        var item = schema.TryGetProperty("items", out var items) ? Visit(items, $"{hint}-item") : AnyValue();
        var min = schema.TryGetProperty("minItems", out var mi) && mi.TryGetInt32(out var m) ? Math.Max(0, m) : 0;
        var max = schema.TryGetProperty("maxItems", out var ma) && ma.TryGetInt32(out var x) ? Math.Min(x, _options.MaxArrayItems) : _options.MaxArrayItems;
        max = Math.Max(max, Math.Max(min, 1));
        var more = max - 1 == 0 ? string.Empty : $" (\",\" ws {item}){{{Math.Max(0, min - 1)},{max - 1}}}";
        var list = $"{item}{more}";
        return Named(hint, min == 0 ? $"\"[\" ws ({list})? ws \"]\"" : $"\"[\" ws {list} ws \"]\"");
    }

    private string VisitString(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            schema = s_emptySchema;
        }

        var min = schema.TryGetProperty("minLength", out var mi) && mi.TryGetInt32(out var m) ? Math.Max(0, m) : 0;
        var max = schema.TryGetProperty("maxLength", out var ma) && ma.TryGetInt32(out var x) ? Math.Min(x, _options.MaxStringLength) : _options.MaxStringLength;
        max = Math.Max(max, min);
        AddRule("char", "[^\"\\\\\\x7F\\x00-\\x1F] | \"\\\\\" ([\"\\\\/bfnrt] | \"u\" [0-9a-fA-F]{4})");
        return Primitive(string.Create(CultureInfo.InvariantCulture, $"string-{min}-{max}"), string.Create(CultureInfo.InvariantCulture, $"\"\\\"\" char{{{min},{max}}} \"\\\"\""));
    }

    private string IntegerBody() => $"\"-\"? (\"0\" | [1-9] [0-9]{{0,{_options.MaxIntegerDigits - 1}}})";

    private string VisitRef(string reference)
    {
        if (_refRules.TryGetValue(reference, out var existing))
        {
            return existing;
        }

        var name = "ref-" + Sanitize(reference.Split('/')[^1]);
        _refRules[reference] = name;
        var target = ResolveRef(reference);
        _rules[name] = Visit(target, name + "-def");
        return name;
    }

    private JsonElement ResolveRef(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal) || _rootSchema.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        var current = _rootSchema;
        foreach (var part in reference[2..].Split('/'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out current))
            {
                return default;
            }
        }

        return current;
    }

    private string AnyValue()
    {
        AddRule("char", "[^\"\\\\\\x7F\\x00-\\x1F] | \"\\\\\" ([\"\\\\/bfnrt] | \"u\" [0-9a-fA-F]{4})");
        var s = VisitString(default);
        var n = Primitive("number", $"{IntegerBody()} (\".\" [0-9]{{1,6}})? ([eE] [-+]? [0-9]{{1,3}})?");
        Primitive("scalar", $"{s} | {n} | \"true\" | \"false\" | \"null\"");
        var max = _options.MaxArrayItems - 1;
        Primitive("any-array", $"\"[\" ws (scalar (\",\" ws scalar){{0,{max}}})? ws \"]\"");
        Primitive("any-object", $"\"{{\" ws ({s} ws \":\" ws scalar (\",\" ws {s} ws \":\" ws scalar){{0,{max}}})? ws \"}}\"");
        return Primitive("any-value", "scalar | any-array | any-object");
    }

    private string GenericObject()
    {
        AnyValue();
        return "any-object";
    }

    private string Primitive(string name, string body)
    {
        _rules.TryAdd(name, body);
        return name;
    }

    private string Named(string hint, string body)
    {
        var name = hint;
        for (var i = 2; _rules.TryGetValue(name, out var existing) && existing != body; i++)
        {
            name = string.Create(CultureInfo.InvariantCulture, $"{hint}{i}");
        }

        _rules[name] = body;
        return name;
    }

    private static string Alternatives(IEnumerable<string> alternatives)
    {
        var list = alternatives.ToList();
        return list.Count == 0 ? "\"\"" : string.Join(" | ", list.Select(a => $"({a})"));
    }

    /// <summary>Rule names in GBNF: letters, digits and '-'.</summary>
    /// <param name="hint">Any text.</param>
    /// <returns>A valid rule name.</returns>
    public static string Sanitize(string hint)
    {
        ArgumentNullException.ThrowIfNull(hint);
        var sb = new StringBuilder(hint.Length);
        foreach (var c in hint)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-');
        }

        return sb.Length == 0 || !char.IsAsciiLetter(sb[0]) ? "r-" + sb : sb.ToString();
    }
}
