using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>The global scope every render starts from (<c>namespace</c>, <c>range</c>, <c>raise_exception</c>...) and JSON conversion.</summary>
internal static class Globals
{
    public static Scope Create(Interpreter interpreter, TimeProvider time)
    {
        var scope = new Scope(null);
        scope.Set("namespace", new JFunction((args, _) => Namespace(args)));
        scope.Set("false", JBool.False);
        scope.Set("true", JBool.True);
        scope.Set("none", JNull.Instance);
        scope.Set("raise_exception", new JFunction((args, _) =>
            throw ChatTemplateException.Raised(args.Count > 0 ? RaiseText(args[0]) : string.Empty)));
        scope.Set("range", new JFunction((args, _) => Range(args, interpreter)));
        scope.Set("strftime_now", new JFunction((args, _) =>
            new JString(Strftime.Format(time.GetLocalNow(), args.Count > 0 && args[0] is JString f ? f.Value : throw new ChatTemplateException("strftime_now needs a format string")))));
        scope.Set("True", JBool.True);
        scope.Set("False", JBool.False);
        scope.Set("None", JNull.Instance);
        return scope;
    }

    private static string RaiseText(JValue value) => value switch
    {
        JString s => s.Value,
        JNull or JUndefined => string.Empty,
        _ => JsEquality.ValueToString(value),
    };

    // Longer than 40 lines on purpose: it mirrors one function of @huggingface/jinja branch for branch.
    private static JObject Namespace(List<JValue> args)
    {
        var positional = args.ToList();
        JObject? kwargs = null;
        if (positional.Count > 0 && positional[^1] is JObject { Kind: JObjectKind.KeywordArguments } kw)
        {
            kwargs = kw;
            positional.RemoveAt(positional.Count - 1);
        }

        if (positional.Count > 1)
        {
            throw new ChatTemplateException($"namespace expected at most 1 argument, got {positional.Count}");
        }

        var entries = new OrderedDictionary<string, JValue>(StringComparer.Ordinal);
        if (positional.Count == 1)
        {
            switch (positional[0])
            {
                case JObject { IsMapping: true } source:
                    foreach (var (key, value) in source.Entries)
                    {
                        entries[key] = value;
                    }

                    break;
                case JArray pairs:
                    foreach (var pair in pairs.Items)
                    {
                        var items = pair switch
                        {
                            JArray a => a.Items,
                            JString s => JsString.CodePoints(s.Value).Select(c => (JValue)new JString(c)).ToList(),
                            _ => null,
                        };
                        if (items is not [JString key, var value])
                        {
                            throw new ChatTemplateException("namespace expected an object or an iterable of [key, value] pairs with string keys");
                        }

                        entries[key.Value] = value;
                    }

                    break;
                default:
                    throw new ChatTemplateException($"'{positional[0].TypeName}' object is not iterable");
            }
        }

        foreach (var (key, value) in kwargs?.Entries ?? [])
        {
            entries[key] = value;
        }

        return new JObject(entries, JObjectKind.Namespace);
    }

    private static JArray Range(List<JValue> args, Interpreter interpreter)
    {
        var numbers = args.Select(a => a is JNumber n ? n.Value : throw new ChatTemplateException("range() arguments must be numbers")).ToList();
        if (numbers.Count == 0)
        {
            throw new ChatTemplateException("range() needs at least one argument");
        }

        var (start, stop) = numbers.Count == 1 ? (0.0, numbers[0]) : (numbers[0], numbers[1]);
        var step = numbers.Count > 2 ? numbers[2] : 1;
        if (step == 0)
        {
            throw new ChatTemplateException("range() step must not be zero");
        }

        var count = Math.Max(0, Math.Ceiling((stop - start) / step));
        interpreter.Charge((long)Math.Min(count, long.MaxValue / 2));
        var result = new List<JValue>((int)count);
        for (var i = start; step > 0 ? i < stop : i > stop; i += step)
        {
            result.Add(new JNumber(i, i % 1 != 0));
        }

        return new JArray(result);
    }

    /// <summary>Converts JSON (messages, tools, variables) into runtime values, as <c>convertToRuntimeValues</c> does for parsed JSON.</summary>
    public static JValue FromJson(JsonNode? node, int depth = 0)
    {
        if (depth > 256)
        {
            throw new ChatTemplateException("The conversation JSON nests deeper than 256 levels.");
        }

        switch (node)
        {
            case null:
                return JNull.Instance;
            case JsonObject obj:
                var entries = new OrderedDictionary<string, JValue>(StringComparer.Ordinal);
                foreach (var (key, value) in obj)
                {
                    entries[key] = FromJson(value, depth + 1);
                }

                return new JObject(entries);
            case JsonArray array:
                return new JArray(array.Select(x => FromJson(x, depth + 1)).ToList());
            default:
                return node.GetValueKind() switch
                {
                    JsonValueKind.String => new JString(node.GetValue<string>()),
                    JsonValueKind.True => JBool.True,
                    JsonValueKind.False => JBool.False,
                    JsonValueKind.Number => Number(double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)),
                    _ => JNull.Instance,
                };
        }
    }

    private static JNumber Number(double value) => new(value, value % 1 != 0 || !double.IsFinite(value));
}
