namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>Finds whether a macro body reads <c>kwargs</c> or <c>varargs</c> without declaring them (then the macro accepts extra arguments).</summary>
internal sealed class SpecialArguments
{
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private readonly HashSet<string> _accessed = new(StringComparer.Ordinal);

    public static HashSet<string> Find(List<Node> parameters, List<Node> body)
    {
        var finder = new SpecialArguments();
        foreach (var parameter in parameters)
        {
            finder.DeclareArgument(parameter);
        }

        finder.VisitAll(body);
        return finder._accessed;
    }

    private static bool IsSpecial(string name) => name is "kwargs" or "varargs";

    private void DeclareName(string name)
    {
        if (IsSpecial(name))
        {
            _declared.Add(name);
        }
    }

    private void DeclareTarget(Node target)
    {
        if (target is IdentifierNode id)
        {
            DeclareName(id.Value);
        }
        else if (target is ArrayLiteralNode { IsTuple: true } tuple)
        {
            tuple.Items.ForEach(DeclareTarget);
        }
    }

    private void DeclareArgument(Node argument)
    {
        if (argument is IdentifierNode id)
        {
            DeclareName(id.Value);
        }
        else if (argument is KeywordArgumentNode kw)
        {
            DeclareName(kw.Key.Value);
        }
    }

    private void VisitDefaults(List<Node> args)
    {
        foreach (var argument in args)
        {
            if (argument is KeywordArgumentNode kw)
            {
                Visit(kw.Value);
            }
        }
    }

    private void VisitFilter(Node filter)
    {
        if (filter is CallNode call)
        {
            VisitAll(call.Args);
        }
    }

    private void VisitAll(IEnumerable<Node?> nodes)
    {
        foreach (var node in nodes)
        {
            Visit(node);
        }
    }

    // Longer than 40 lines on purpose: it mirrors one function of @huggingface/jinja branch for branch.
    private void Visit(Node? node)
    {
        switch (node)
        {
            case null:
                return;
            case ForNode f:
                DeclareTarget(f.LoopVar);
                if (f.Iterable is SelectNode select)
                {
                    Visit(select.Lhs);
                    VisitAll(f.Body);
                    VisitAll(f.DefaultBlock);
                    Visit(select.Test);
                    return;
                }

                Visit(f.Iterable);
                VisitAll(f.Body);
                VisitAll(f.DefaultBlock);
                return;
            case SetNode s:
                DeclareTarget(s.Assignee);
                Visit(s.Value);
                VisitAll(s.Body);
                return;
            case MacroNode m:
                m.Args.ForEach(DeclareArgument);
                VisitDefaults(m.Args);
                VisitAll(m.Body);
                return;
            case CallStatementNode c:
                Visit(c.Call);
                (c.CallerArgs ?? []).ForEach(DeclareArgument);
                VisitDefaults(c.CallerArgs ?? []);
                VisitAll(c.Body);
                return;
            case FilterStatementNode fs:
                VisitAll(fs.Body);
                VisitFilter(fs.Filter);
                return;
            case IdentifierNode id:
                if (IsSpecial(id.Value) && !_declared.Contains(id.Value))
                {
                    _accessed.Add(id.Value);
                }

                return;
            case MemberNode member:
                Visit(member.Object);
                if (member.Computed)
                {
                    Visit(member.Property);
                }

                return;
            case FilterNode filter:
                Visit(filter.Operand);
                VisitFilter(filter.Filter);
                return;
            case TestNode test:
                Visit(test.Operand);
                return;
            case SelectNode sel:
                Visit(sel.Test);
                Visit(sel.Lhs);
                return;
            case KeywordArgumentNode kwa:
                Visit(kwa.Value);
                return;
            default:
                VisitAll(node.Children());
                return;
        }
    }
}
