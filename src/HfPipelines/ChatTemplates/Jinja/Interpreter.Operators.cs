namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>Unary and binary operators with @huggingface/jinja's (JavaScript-flavoured) semantics.</summary>
internal sealed partial class Interpreter
{
    // Longer than 40 lines on purpose: it mirrors one function of @huggingface/jinja branch for branch.
    private JValue EvaluateBinary(BinaryNode node, Scope scope)
    {
        var left = Evaluate(node.Left, scope);
        var op = node.Operator;
        if (op == "and")
        {
            return left.IsTruthy ? Evaluate(node.Right, scope) : left;
        }

        if (op == "or")
        {
            return left.IsTruthy ? left : Evaluate(node.Right, scope);
        }

        var right = Evaluate(node.Right, scope);
        switch (op)
        {
            case "==":
                return JBool.Of(JsEquality.Loose(left, right));
            case "!=":
                return JBool.Of(!JsEquality.Loose(left, right));
        }

        if (left is JUndefined || right is JUndefined)
        {
            if (right is JUndefined && op is "in" or "not in")
            {
                return JBool.Of(op == "not in");
            }

            throw new ChatTemplateException($"Cannot perform operation {op} on undefined values");
        }

        if (left is JNull || right is JNull)
        {
            throw new ChatTemplateException("Cannot perform operation on null values");
        }

        if (op == "~")
        {
            return new JString(Checked(JsEquality.ValueToString(left) + JsEquality.ValueToString(right)));
        }

        if (op == "**" && IsNumericLike(left) && IsNumericLike(right))
        {
            return Power(left, right);
        }

        if (left is JNumber a && right is JNumber b)
        {
            var result = Arithmetic(op, a, b);
            if (result is not null)
            {
                return result;
            }
        }
        else if (left is JArray la && right is JArray ra)
        {
            if (op == "+")
            {
                Charge(la.Items.Count + ra.Items.Count);
                return new JArray([.. la.Items, .. ra.Items]);
            }
        }
        else if (right is JArray array)
        {
            var member = array.Items.Any(x => JsEquality.Strict(x, left));
            switch (op)
            {
                case "in":
                    return JBool.Of(member);
                case "not in":
                    return JBool.Of(!member);
            }
        }

        return StringOperators(op, left, right);
    }

    private JValue StringOperators(string op, JValue left, JValue right)
    {
        if ((left is JString || right is JString) && op == "+")
        {
            return new JString(Checked(JsEquality.ValueToString(left) + JsEquality.ValueToString(right)));
        }

        if (left is JString ls && right is JString rs)
        {
            switch (op)
            {
                case "in":
                    return JBool.Of(rs.Value.Contains(ls.Value, StringComparison.Ordinal));
                case "not in":
                    return JBool.Of(!rs.Value.Contains(ls.Value, StringComparison.Ordinal));
            }
        }

        if (left is JString key && right is JObject { IsMapping: true } obj)
        {
            switch (op)
            {
                case "in":
                    return JBool.Of(obj.Entries.ContainsKey(key.Value));
                case "not in":
                    return JBool.Of(!obj.Entries.ContainsKey(key.Value));
            }
        }

        throw new ChatTemplateException($"Unknown operator \"{op}\" between {left.TypeName} and {right.TypeName}");
    }

    private static JValue? Arithmetic(string op, JNumber left, JNumber right)
    {
        var a = left.Value;
        var b = right.Value;
        var isFloat = left.IsFloat || right.IsFloat;
        return op switch
        {
            "+" => new JNumber(a + b, isFloat),
            "-" => new JNumber(a - b, isFloat),
            "*" => new JNumber(a * b, isFloat),
            "/" => JNumber.Float(a / b),
            "//" => new JNumber(Math.Floor(a / b), isFloat),
            "%" => new JNumber(a % b, isFloat),
            "<" => JBool.Of(a < b),
            ">" => JBool.Of(a > b),
            ">=" => JBool.Of(a >= b),
            "<=" => JBool.Of(a <= b),
            _ => null,
        };
    }

    private static bool IsNumericLike(JValue value) => value is JNumber or JBool;

    private static double NumericValue(JValue value) => value is JBool b ? (b.Value ? 1 : 0) : ((JNumber)value).Value;

    private static JNumber Power(JValue left, JValue right)
    {
        var a = NumericValue(left);
        var b = NumericValue(right);
        if (a == 0 && b < 0)
        {
            throw new ChatTemplateException("0.0 cannot be raised to a negative power");
        }

        var result = Math.Pow(a, b);
        if (!double.IsFinite(result))
        {
            throw new ChatTemplateException("Exponentiation result is not a finite real number");
        }

        var isFloat = left is JNumber { IsFloat: true } || right is JNumber { IsFloat: true } || b < 0;
        return new JNumber(result, isFloat);
    }

    private JValue EvaluateUnary(UnaryNode node, Scope scope)
    {
        var argument = Evaluate(node.Argument, scope);
        switch (node.Operator)
        {
            case "not":
                return JBool.Of(!argument.IsTruthy);
            case "+":
            case "-":
                var sign = node.Operator == "-" ? -1 : 1;
                if (argument is JNumber or JBool)
                {
                    var result = sign * NumericValue(argument);
                    return new JNumber(result, argument is JNumber { IsFloat: true });
                }

                throw new ChatTemplateException($"Unknown operator \"{node.Operator}\" for {argument.TypeName}");
            default:
                throw new ChatTemplateException($"Unknown operator: {node.Operator}");
        }
    }
}
