using System.Text;

namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>Statements: set, for, macro, call blocks.</summary>
internal sealed partial class Interpreter
{
    // Longer than 40 lines on purpose: it mirrors one function of @huggingface/jinja branch for branch.
    private JNull EvaluateSet(SetNode node, Scope scope)
    {
        var rhs = node.Value is not null ? Evaluate(node.Value, scope) : new JString(Block(node.Body, scope));
        switch (node.Assignee)
        {
            case IdentifierNode id:
                scope.Set(id.Value, rhs);
                break;
            case ArrayLiteralNode { IsTuple: true } tuple:
                if (rhs is not JArray array)
                {
                    throw new ChatTemplateException($"Cannot unpack non-iterable type in set: {rhs.TypeName}");
                }

                if (array.Items.Count != tuple.Items.Count)
                {
                    throw new ChatTemplateException($"Too {(tuple.Items.Count > array.Items.Count ? "few" : "many")} items to unpack in set");
                }

                for (var i = 0; i < tuple.Items.Count; i++)
                {
                    if (tuple.Items[i] is not IdentifierNode name)
                    {
                        throw new ChatTemplateException("Cannot unpack to non-identifier in set");
                    }

                    scope.Set(name.Value, array.Items[i]);
                }

                break;
            case MemberNode member:
                var target = Evaluate(member.Object, scope);
                if (target is not JObject { IsNamespace: true } ns)
                {
                    throw new ChatTemplateException("cannot assign attribute on non-namespace object");
                }

                if (member.Property is not IdentifierNode property)
                {
                    throw new ChatTemplateException("Cannot assign to member with non-identifier property");
                }

                ns.Entries[property.Value] = rhs;
                break;
            default:
                throw new ChatTemplateException("Invalid LHS inside assignment expression");
        }

        return JNull.Instance;
    }

    private JString EvaluateFor(ForNode node, Scope outer)
    {
        var scope = new Scope(outer);
        Node? test = null;
        JValue iterable;
        if (node.Iterable is SelectNode select)
        {
            iterable = Evaluate(select.Lhs, scope);
            test = select.Test;
        }
        else
        {
            iterable = Evaluate(node.Iterable, scope);
        }

        var source = iterable switch
        {
            JArray array => array.Items,
            JObject { IsMapping: true } obj => obj.Entries.Keys.Select(k => (JValue)new JString(k)).ToList(),
            _ => throw new ChatTemplateException($"Expected iterable or object type in for loop: got {iterable.TypeName}"),
        };

        var items = new List<JValue>();
        foreach (var current in source.ToList())
        {
            var bind = Binder(node.LoopVar, current);
            if (test is not null)
            {
                var loopScope = new Scope(scope);
                bind(loopScope);
                if (!Evaluate(test, loopScope).IsTruthy)
                {
                    continue;
                }
            }

            items.Add(current);
        }

        return new JString(RunLoop(node, scope, items));
    }

    // Longer than 40 lines on purpose: it mirrors one function of @huggingface/jinja branch for branch.
    private string RunLoop(ForNode node, Scope scope, List<JValue> items)
    {
        var result = new StringBuilder();
        var noIteration = true;
        for (var i = 0; i < items.Count; i++)
        {
            var loop = new OrderedDictionary<string, JValue>(StringComparer.Ordinal)
            {
                ["index"] = JNumber.Int(i + 1),
                ["index0"] = JNumber.Int(i),
                ["revindex"] = JNumber.Int(items.Count - i),
                ["revindex0"] = JNumber.Int(items.Count - i - 1),
                ["first"] = JBool.Of(i == 0),
                ["last"] = JBool.Of(i == items.Count - 1),
                ["length"] = JNumber.Int(items.Count),
                ["previtem"] = i > 0 ? items[i - 1] : JUndefined.Instance,
                ["nextitem"] = i < items.Count - 1 ? items[i + 1] : JUndefined.Instance,
            };
            scope.Set("loop", new JObject(loop));
            Binder(node.LoopVar, items[i])(scope);
            try
            {
                result.Append(Block(node.Body, scope));
                Checked(result.Length);
            }
            catch (LoopSignal signal)
            {
                if (signal.IsBreak)
                {
                    break;
                }

                continue;
            }

            noIteration = false;
        }

        if (noIteration)
        {
            result.Append(Block(node.DefaultBlock, scope));
        }

        return result.ToString();
    }

    private static Action<Scope> Binder(Node loopVar, JValue current)
    {
        if (loopVar is IdentifierNode id)
        {
            return s => s.Set(id.Value, current);
        }

        var names = ((ArrayLiteralNode)loopVar).Items;
        if (current is not JArray { IsTuple: false } array)
        {
            throw new ChatTemplateException($"Cannot unpack non-iterable type: {current.TypeName}");
        }

        if (names.Count != array.Items.Count)
        {
            throw new ChatTemplateException($"Too {(names.Count > array.Items.Count ? "few" : "many")} items to unpack");
        }

        return s =>
        {
            for (var j = 0; j < names.Count; j++)
            {
                if (names[j] is not IdentifierNode name)
                {
                    throw new ChatTemplateException("Cannot unpack non-identifier type");
                }

                s.Set(name.Value, array.Items[j]);
            }
        };
    }

    private JNull EvaluateMacro(MacroNode node, Scope scope)
    {
        var special = SpecialArguments.Find(node.Args, node.Body);
        var display = $"'{node.Name.Value}'";
        scope.Set(node.Name.Value, new JFunction((args, callerScope) =>
        {
            var macroScope = new Scope(callerScope);
            BindMacroArguments(display, node.Args, special, args, macroScope);
            return new JString(Block(node.Body, macroScope));
        }));
        return JNull.Instance;
    }

    private JValue EvaluateCallStatement(CallStatementNode node, Scope scope)
    {
        var parameters = node.CallerArgs ?? [];
        var special = SpecialArguments.Find(parameters, node.Body);
        var caller = new JFunction((callerArgs, _) =>
        {
            var callBlockScope = new Scope(scope);
            BindMacroArguments("None", parameters, special, callerArgs, callBlockScope);
            return new JString(Block(node.Body, callBlockScope));
        });
        var (macroArgs, macroKwargs) = EvaluateArguments(node.Call.Args, scope);
        macroArgs.Add(new JObject(macroKwargs, JObjectKind.KeywordArguments));
        var fn = Evaluate(node.Call.Callee, scope);
        if (fn is not JFunction function)
        {
            throw new ChatTemplateException($"Cannot call something that is not a function: got {fn.TypeName}");
        }

        var newScope = new Scope(scope);
        newScope.Set("caller", caller);
        return function.Invoke(macroArgs, newScope);
    }

    // Longer than 40 lines on purpose: it mirrors one function of @huggingface/jinja branch for branch.
    private void BindMacroArguments(string displayName, List<Node> parameters, HashSet<string> special, List<JValue> args, Scope scope)
    {
        var positional = args.ToList();
        var keywords = new OrderedDictionary<string, JValue>(StringComparer.Ordinal);
        if (positional.Count > 0 && positional[^1] is JObject { Kind: JObjectKind.KeywordArguments } kw)
        {
            keywords = new OrderedDictionary<string, JValue>(kw.Entries, StringComparer.Ordinal);
            positional.RemoveAt(positional.Count - 1);
        }

        var pending = new List<(string Name, Node Default)>();
        for (var i = 0; i < parameters.Count; i++)
        {
            var (name, defaultValue) = parameters[i] switch
            {
                IdentifierNode id => (id.Value, (Node?)null),
                KeywordArgumentNode k => (k.Key.Value, k.Value),
                _ => throw new ChatTemplateException("Expected identifier for parameter declaration"),
            };
            JValue? value = i < positional.Count ? positional[i] : null;
            if (value is null && keywords.Remove(name, out var fromKeyword))
            {
                value = fromKeyword;
            }

            if (value is null && defaultValue is not null)
            {
                pending.Add((name, defaultValue));
            }

            scope.Set(name, value ?? JUndefined.Instance);
        }

        if (special.Contains("kwargs"))
        {
            scope.Set("kwargs", new JObject(keywords));
        }
        else if (keywords.Count > 0)
        {
            throw new ChatTemplateException($"macro {displayName} takes no keyword argument '{keywords.GetAt(0).Key}'");
        }

        if (special.Contains("varargs"))
        {
            scope.Set("varargs", new JArray(positional.Skip(parameters.Count).ToList()));
        }
        else if (positional.Count > parameters.Count)
        {
            throw new ChatTemplateException($"macro {displayName} takes not more than {parameters.Count} argument(s)");
        }

        foreach (var (name, defaultValue) in pending)
        {
            scope.Set(name, Evaluate(defaultValue, scope));
        }
    }
}
