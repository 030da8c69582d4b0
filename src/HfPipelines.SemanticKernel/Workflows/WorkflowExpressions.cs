using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>
/// The <c>${{ ... }}</c> syntax. A reference is a path: <c>inputs.NAME</c>, <c>steps.ID.output.FIELD</c>,
/// <c>item</c> (the current <c>foreach</c> item), <c>with.NAME</c> (in prompt templates), followed by
/// <c>.field</c> or <c>[index]</c> parts. A condition is <c>operand [op operand]</c> with op one of
/// <c>== != &lt; &lt;= &gt; &gt;= contains</c> and operands paths, 'quoted text', numbers, true, false or null;
/// a lone operand is true when it is not empty, zero, false or null.
/// </summary>
internal static partial class WorkflowExpressions
{
    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "<", ">", "contains"];

    /// <summary>The expressions inside <c>${{ }}</c> in a text.</summary>
    public static IEnumerable<string> Find(string text) => Pattern().Matches(text).Select(m => m.Groups[1].Value.Trim());

    /// <summary>The paths an expression (or condition) reads.</summary>
    public static IEnumerable<IReadOnlyList<string>> Paths(string expression) =>
        Tokenize(expression).Where(t => t.Kind == TokenKind.Path).Select(t => SplitPath(t.Text));

    /// <summary>Replaces each <c>${{ }}</c>; a text that is exactly one expression keeps the value's JSON type.</summary>
    public static JsonNode? Interpolate(string text, JsonObject scope)
    {
        var match = Pattern().Match(text);
        if (match.Success && match.Length == text.Trim().Length)
        {
            return Evaluate(match.Groups[1].Value.Trim(), scope)?.DeepClone();
        }

        return JsonValue.Create(Pattern().Replace(text, m => AsText(Evaluate(m.Groups[1].Value.Trim(), scope))));
    }

    /// <summary>Evaluates a condition written with or without <c>${{ }}</c>.</summary>
    public static bool Condition(string condition, JsonObject scope)
    {
        var match = Pattern().Match(condition);
        var expression = match.Success ? match.Groups[1].Value.Trim() : condition.Trim();
        var tokens = Tokenize(expression);
        var left = Operand(tokens[0], scope);
        if (tokens.Count == 1)
        {
            return Truthy(left);
        }

        if (tokens.Count != 3 || tokens[1].Kind != TokenKind.Operator)
        {
            throw new WorkflowFormatException($"The condition '{condition}' is not 'operand [op operand]'. Operators: {string.Join(" ", Operators)}.");
        }

        return Compare(left, tokens[1].Text, Operand(tokens[2], scope));
    }

    /// <summary>Text form of a value: strings as is, everything else as compact JSON.</summary>
    public static string AsText(JsonNode? node) => node switch
    {
        null => string.Empty,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    /// <summary>Checks an expression's syntax; returns the problem or null.</summary>
    public static string? SyntaxError(string expression, bool isCondition)
    {
        try
        {
            var tokens = Tokenize(expression);
            var ok = isCondition
                ? tokens.Count == 1 || (tokens.Count == 3 && tokens[1].Kind == TokenKind.Operator && tokens[0].Kind != TokenKind.Operator && tokens[2].Kind != TokenKind.Operator)
                : tokens.Count == 1 && tokens[0].Kind == TokenKind.Path;
            return ok ? null : isCondition
                ? $"'{expression}' is not a condition of the form 'operand [op operand]' (operators: {string.Join(" ", Operators)})"
                : $"'{expression}' is not a reference such as inputs.NAME or steps.ID.output.FIELD";
        }
        catch (WorkflowFormatException ex)
        {
            return ex.Message;
        }
    }

    private static JsonNode? Operand(Token token, JsonObject scope) => token.Kind switch
    {
        TokenKind.Path => Evaluate(token.Text, scope),
        TokenKind.Text => JsonValue.Create(token.Text),
        TokenKind.Number => JsonValue.Create(double.Parse(token.Text, CultureInfo.InvariantCulture)),
        TokenKind.Literal => token.Text == "null" ? null : JsonValue.Create(token.Text == "true"),
        _ => throw new WorkflowFormatException($"'{token.Text}' cannot be compared."),
    };

    private static JsonNode? Evaluate(string path, JsonObject scope)
    {
        JsonNode? node = scope;
        var walked = new StringBuilder();
        foreach (var part in SplitPath(path))
        {
            var found = node switch
            {
                JsonObject o when o.TryGetPropertyValue(part, out var child) => (true, child),
                JsonArray a when int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => (true, a[i]),
                _ => (false, null),
            };
            if (!found.Item1)
            {
                throw new WorkflowReferenceException($"'{path}' cannot be read: '{part}' is not in {(walked.Length == 0 ? "the workflow" : walked.ToString())}{Keys(node)}.");
            }

            walked.Append(walked.Length == 0 ? part : $".{part}");
            node = found.Item2;
        }

        return node;
    }

    private static string Keys(JsonNode? node) => node switch
    {
        JsonObject o => $" (it has: {string.Join(", ", o.Select(p => p.Key))})",
        JsonArray a => $" (a list of {a.Count})",
        _ => " (a plain value)",
    };

    private static bool Compare(JsonNode? left, string op, JsonNode? right)
    {
        if (op == "contains")
        {
            return left is JsonArray array
                ? array.Any(i => AsText(i) == AsText(right))
                : AsText(left).Contains(AsText(right), StringComparison.OrdinalIgnoreCase);
        }

        if (TryNumber(left, out var l) && TryNumber(right, out var r))
        {
            return op switch { "==" => l == r, "!=" => l != r, "<" => l < r, "<=" => l <= r, ">" => l > r, _ => l >= r };
        }

        var c = string.CompareOrdinal(AsText(left), AsText(right));
        return op switch { "==" => c == 0, "!=" => c != 0, "<" => c < 0, "<=" => c <= 0, ">" => c > 0, _ => c >= 0 };
    }

    private static bool TryNumber(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue v && (v.GetValueKind() == JsonValueKind.Number
            ? v.TryGetValue(out value) || double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            : v.GetValueKind() == JsonValueKind.String && double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out value));
    }

    private static bool Truthy(JsonNode? node) => node switch
    {
        null => false,
        JsonArray a => a.Count > 0,
        JsonObject => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
        JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
        _ when TryNumber(node, out var n) => n != 0,
        _ => AsText(node).Length > 0 && !string.Equals(AsText(node), "false", StringComparison.OrdinalIgnoreCase),
    };

    private static List<string> SplitPath(string path) =>
        path.Replace("[", ".", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal).Split('.').ToList();

    private static List<Token> Tokenize(string expression)
    {
        var tokens = new List<Token>();
        foreach (Match m in TokenPattern().Matches(expression))
        {
            if (!m.Success || m.Length == 0)
            {
                continue;
            }

            var g = m.Groups;
            tokens.Add(g["text"].Success ? new Token(TokenKind.Text, g["text"].Value)
                : g["dtext"].Success ? new Token(TokenKind.Text, g["dtext"].Value)
                : g["num"].Success ? new Token(TokenKind.Number, g["num"].Value)
                : g["op"].Success ? new Token(TokenKind.Operator, g["op"].Value)
                : g["lit"].Success ? new Token(TokenKind.Literal, g["lit"].Value)
                : g["path"].Success ? new Token(TokenKind.Path, g["path"].Value)
                : throw new WorkflowFormatException($"'{expression}' has an unexpected character near '{m.Value}'."));
        }

        return tokens.Count > 0 ? tokens : throw new WorkflowFormatException("An expression is empty.");
    }

    [GeneratedRegex(@"\$\{\{(.*?)\}\}", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"\s*(?:'(?<text>[^']*)'|""(?<dtext>[^""]*)""|(?<num>-?\d+(?:\.\d+)?)(?![\w.])|(?<op>==|!=|<=|>=|<|>|contains\b)|(?<lit>true|false|null)\b|(?<path>[A-Za-z_][\w-]*(?:\.[A-Za-z_0-9][\w-]*|\[\d+\])*)|(?<bad>\S))", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    private enum TokenKind
    {
        Path,
        Text,
        Number,
        Literal,
        Operator,
    }

    private readonly record struct Token(TokenKind Kind, string Text);
}
