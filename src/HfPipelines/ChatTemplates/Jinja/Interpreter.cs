using System.Runtime.CompilerServices;
using System.Text;

namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>
/// @huggingface/jinja's tree-walking interpreter, ported so that output matches byte for byte. Counts steps,
/// nesting and output size against the render limits so a runaway template ends in a typed error.
/// </summary>
internal sealed partial class Interpreter
{
    private const int MaxDepth = 2000;
    private readonly int _maxOutput;
    private readonly long _maxSteps;
    private readonly TimeProvider _time;
    private long _steps;
    private int _depth;

    public Interpreter(int maxOutput, long maxSteps, TimeProvider time)
    {
        _maxOutput = maxOutput;
        _maxSteps = maxSteps;
        _time = time;
    }

    public string Run(ProgramNode program, Scope globals) => Block(program.Body, globals);

    /// <summary>Charges <paramref name="cost"/> steps; throws when the render budget is spent.</summary>
    public void Charge(long cost)
    {
        _steps += cost;
        if (_steps > _maxSteps)
        {
            throw new ChatTemplateException($"The chat template ran more than {_maxSteps} steps; it probably loops without end. Raise ChatTemplateOptions.MaxOperations if the template is right.");
        }
    }

    /// <summary>Returns <paramref name="value"/> after checking it against the output size limit.</summary>
    public string Checked(string value)
    {
        if (value.Length > _maxOutput)
        {
            throw new ChatTemplateException($"The chat template produced more than {_maxOutput} characters. Raise ChatTemplateOptions.MaxOutputLength if the template is right.");
        }

        return value;
    }

    public JValue Evaluate(Node? node, Scope scope)
    {
        if (node is null)
        {
            return JUndefined.Instance;
        }

        Charge(1);
        if (++_depth > MaxDepth)
        {
            _depth--;
            throw new ChatTemplateException($"The chat template nests deeper than {MaxDepth} levels (runaway recursion?).");
        }

        try
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return Dispatch(node, scope);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new ChatTemplateException("The chat template recursed too deeply (runaway recursion?).");
        }
        finally
        {
            _depth--;
        }
    }

    private JValue Dispatch(Node node, Scope scope) => node switch
    {
        SetNode n => EvaluateSet(n, scope),
        IfNode n => new JString(Block(Evaluate(n.Test, scope).IsTruthy ? n.Body : n.Alternate, scope)),
        ForNode n => EvaluateFor(n, scope),
        MacroNode n => EvaluateMacro(n, scope),
        CallStatementNode n => EvaluateCallStatement(n, scope),
        BreakNode => throw new LoopSignal(isBreak: true),
        ContinueNode => throw new LoopSignal(isBreak: false),
        NumberLiteralNode n => new JNumber(n.Value, n.IsFloat),
        StringLiteralNode n => new JString(n.Value),
        ArrayLiteralNode n => new JArray(n.Items.Select(x => Evaluate(x, scope)).ToList(), n.IsTuple),
        ObjectLiteralNode n => EvaluateObjectLiteral(n, scope),
        IdentifierNode n => scope.Lookup(n.Value),
        CallNode n => EvaluateCall(n, scope),
        MemberNode n => EvaluateMember(n, scope),
        UnaryNode n => EvaluateUnary(n, scope),
        BinaryNode n => EvaluateBinary(n, scope),
        FilterNode n => ApplyFilter(Evaluate(n.Operand, scope), n.Filter, scope),
        FilterStatementNode n => ApplyFilter(new JString(Block(n.Body, scope)), n.Filter, scope),
        TestNode n => EvaluateTest(n, scope),
        SelectNode n => Evaluate(n.Test, scope).IsTruthy ? Evaluate(n.Lhs, scope) : JUndefined.Instance,
        TernaryNode n => Evaluate(n.Condition, scope).IsTruthy ? Evaluate(n.TrueExpr, scope) : Evaluate(n.FalseExpr, scope),
        CommentNode => JNull.Instance,
        ProgramNode n => new JString(Block(n.Body, scope)),
        _ => throw new ChatTemplateException($"Unknown node type: {node.GetType().Name}"),
    };

    public string Block(List<Node> statements, Scope scope)
    {
        var sb = new StringBuilder();
        foreach (var statement in statements)
        {
            var value = Evaluate(statement, scope);
            if (value is not (JNull or JUndefined))
            {
                sb.Append(value is JArray or JObject ? JsonFormatter.Format(value, JsonFormatOptions.Default, 0, convertUndefinedToNull: false, _maxOutput) : value.Display());
                Checked(sb.Length);
            }
        }

        return sb.ToString();
    }

    /// <summary><c>string.Join</c> that stops once the result would pass the output limit.</summary>
    public string Join(string separator, IEnumerable<string> values)
    {
        var sb = new StringBuilder();
        var first = true;
        foreach (var value in values)
        {
            sb.Append(first ? string.Empty : separator).Append(value);
            Checked(sb.Length);
            first = false;
        }

        return sb.ToString();
    }

    public void Checked(long length)
    {
        if (length > _maxOutput)
        {
            throw new ChatTemplateException($"The chat template produced more than {_maxOutput} characters. Raise ChatTemplateOptions.MaxOutputLength if the template is right.");
        }
    }

    private JObject EvaluateObjectLiteral(ObjectLiteralNode node, Scope scope)
    {
        var mapping = new OrderedDictionary<string, JValue>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in node.Entries)
        {
            var evaluatedKey = Evaluate(keyNode, scope);
            if (evaluatedKey is not JString key)
            {
                throw new ChatTemplateException($"Object keys must be strings: got {evaluatedKey.TypeName}");
            }

            mapping[key.Value] = Evaluate(valueNode, scope);
        }

        return new JObject(mapping);
    }

    private JValue EvaluateCall(CallNode node, Scope scope)
    {
        var (args, kwargs) = EvaluateArguments(node.Args, scope);
        if (kwargs.Count > 0)
        {
            args.Add(new JObject(kwargs, JObjectKind.KeywordArguments));
        }

        var fn = Evaluate(node.Callee, scope);
        if (fn is not JFunction function)
        {
            throw new ChatTemplateException($"Cannot call something that is not a function: got {fn.TypeName}");
        }

        return function.Invoke(args, scope);
    }

    /// <summary>Positional and keyword arguments, with <c>*list</c> and <c>**mapping</c> unpacked.</summary>
    public (List<JValue> Args, OrderedDictionary<string, JValue> Kwargs) EvaluateArguments(List<Node> args, Scope scope)
    {
        var positional = new List<JValue>();
        var keywords = new OrderedDictionary<string, JValue>(StringComparer.Ordinal);
        foreach (var argument in args)
        {
            if (argument is SpreadNode { Keywords: false } spread)
            {
                var value = Evaluate(spread.Argument, scope);
                positional.AddRange(value is JArray array ? array.Items : throw new ChatTemplateException($"Cannot unpack non-iterable type: {value.TypeName}"));
            }
            else if (argument is not (KeywordArgumentNode or SpreadNode))
            {
                positional.Add(Evaluate(argument, scope));
            }
        }

        foreach (var argument in args)
        {
            if (argument is KeywordArgumentNode kwarg)
            {
                AddKeyword(keywords, kwarg.Key.Value, Evaluate(kwarg.Value, scope));
            }
            else if (argument is SpreadNode { Keywords: true } spread)
            {
                var value = Evaluate(spread.Argument, scope);
                if (value is not JObject { IsMapping: true } mapping)
                {
                    throw new ChatTemplateException($"Argument after ** must be a mapping, not {value.TypeName}");
                }

                foreach (var (key, item) in mapping.Entries)
                {
                    AddKeyword(keywords, key, item);
                }
            }
        }

        return (positional, keywords);
    }

    private static void AddKeyword(OrderedDictionary<string, JValue> keywords, string key, JValue value)
    {
        if (!keywords.TryAdd(key, value))
        {
            throw new ChatTemplateException($"Got multiple values for keyword argument '{key}'");
        }
    }

    private JValue EvaluateTest(TestNode node, Scope scope)
    {
        var operand = Evaluate(node.Operand, scope);
        var result = JinjaTests.Run(node.Test.Value, operand, null);
        return JBool.Of(node.Negate ? !result : result);
    }

    /// <summary>A <c>{% break %}</c> or <c>{% continue %}</c> unwinding to its loop.</summary>
    internal sealed class LoopSignal : Exception
    {
        public LoopSignal(bool isBreak)
            : base(isBreak ? "break outside a loop" : "continue outside a loop") => IsBreak = isBreak;

        public LoopSignal()
        {
        }

        public LoopSignal(string message)
            : base(message)
        {
        }

        public LoopSignal(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        public bool IsBreak { get; }
    }
}
