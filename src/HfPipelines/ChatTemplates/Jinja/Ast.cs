namespace HfPipelines.ChatTemplates.Jinja;

#pragma warning disable SA1402, SA1649 // The syntax tree is a family of tiny records, kept together.

/// <summary>A node of the template's syntax tree (@huggingface/jinja's AST).</summary>
internal abstract class Node
{
    /// <summary>The child nodes in declaration order, for tree walks.</summary>
    public virtual IEnumerable<Node?> Children() => [];
}

internal sealed class ProgramNode(List<Node> body) : Node
{
    public List<Node> Body { get; } = body;

    public override IEnumerable<Node?> Children() => Body;
}

internal sealed class IfNode(Node test, List<Node> body, List<Node> alternate) : Node
{
    public Node Test { get; } = test;

    public List<Node> Body { get; } = body;

    public List<Node> Alternate { get; } = alternate;

    public override IEnumerable<Node?> Children() => [Test, .. Body, .. Alternate];
}

internal sealed class ForNode(Node loopVar, Node iterable, List<Node> body, List<Node> defaultBlock) : Node
{
    public Node LoopVar { get; } = loopVar;

    public Node Iterable { get; } = iterable;

    public List<Node> Body { get; } = body;

    public List<Node> DefaultBlock { get; } = defaultBlock;

    public override IEnumerable<Node?> Children() => [LoopVar, Iterable, .. Body, .. DefaultBlock];
}

internal sealed class BreakNode : Node;

internal sealed class ContinueNode : Node;

internal sealed class SetNode(Node assignee, Node? value, List<Node> body) : Node
{
    public Node Assignee { get; } = assignee;

    public Node? Value { get; } = value;

    public List<Node> Body { get; } = body;

    public override IEnumerable<Node?> Children() => [Assignee, Value, .. Body];
}

internal sealed class MacroNode(IdentifierNode name, List<Node> args, List<Node> body) : Node
{
    public IdentifierNode Name { get; } = name;

    public List<Node> Args { get; } = args;

    public List<Node> Body { get; } = body;

    public override IEnumerable<Node?> Children() => [Name, .. Args, .. Body];
}

internal sealed class CommentNode(string value) : Node
{
    public string Value { get; } = value;
}

internal sealed class MemberNode(Node obj, Node property, bool computed) : Node
{
    public Node Object { get; } = obj;

    public Node Property { get; } = property;

    public bool Computed { get; } = computed;

    public override IEnumerable<Node?> Children() => [Object, Property];
}

internal sealed class CallNode(Node callee, List<Node> args) : Node
{
    public Node Callee { get; } = callee;

    public List<Node> Args { get; } = args;

    public override IEnumerable<Node?> Children() => [Callee, .. Args];
}

internal sealed class IdentifierNode(string value) : Node
{
    public string Value { get; } = value;
}

internal sealed class NumberLiteralNode(double value, bool isFloat) : Node
{
    public double Value { get; } = value;

    public bool IsFloat { get; } = isFloat;
}

internal sealed class StringLiteralNode(string value) : Node
{
    public string Value { get; } = value;
}

internal sealed class ArrayLiteralNode(List<Node> items, bool isTuple) : Node
{
    public List<Node> Items { get; } = items;

    public bool IsTuple { get; } = isTuple;

    public override IEnumerable<Node?> Children() => Items;
}

internal sealed class ObjectLiteralNode(List<KeyValuePair<Node, Node>> entries) : Node
{
    public List<KeyValuePair<Node, Node>> Entries { get; } = entries;

    public override IEnumerable<Node?> Children() => Entries.SelectMany(e => new[] { e.Key, e.Value });
}

internal sealed class BinaryNode(string op, Node left, Node right) : Node
{
    public string Operator { get; } = op;

    public Node Left { get; } = left;

    public Node Right { get; } = right;

    public override IEnumerable<Node?> Children() => [Left, Right];
}

internal sealed class FilterNode(Node operand, Node filter) : Node
{
    public Node Operand { get; } = operand;

    /// <summary>An <see cref="IdentifierNode"/> or a <see cref="CallNode"/>.</summary>
    public Node Filter { get; } = filter;

    public override IEnumerable<Node?> Children() => [Operand, Filter];
}

internal sealed class FilterStatementNode(Node filter, List<Node> body) : Node
{
    public Node Filter { get; } = filter;

    public List<Node> Body { get; } = body;

    public override IEnumerable<Node?> Children() => [Filter, .. Body];
}

internal sealed class SelectNode(Node lhs, Node test) : Node
{
    public Node Lhs { get; } = lhs;

    public Node Test { get; } = test;

    public override IEnumerable<Node?> Children() => [Lhs, Test];
}

internal sealed class TestNode(Node operand, bool negate, IdentifierNode test) : Node
{
    public Node Operand { get; } = operand;

    public bool Negate { get; } = negate;

    public IdentifierNode Test { get; } = test;

    public override IEnumerable<Node?> Children() => [Operand, Test];
}

internal sealed class UnaryNode(string op, Node argument) : Node
{
    public string Operator { get; } = op;

    public Node Argument { get; } = argument;

    public override IEnumerable<Node?> Children() => [Argument];
}

internal sealed class SliceNode(Node? start, Node? stop, Node? step) : Node
{
    public Node? Start { get; } = start;

    public Node? Stop { get; } = stop;

    public Node? Step { get; } = step;

    public override IEnumerable<Node?> Children() => [Start, Stop, Step];
}

internal sealed class KeywordArgumentNode(IdentifierNode key, Node value) : Node
{
    public IdentifierNode Key { get; } = key;

    public Node Value { get; } = value;

    public override IEnumerable<Node?> Children() => [Key, Value];
}

internal sealed class SpreadNode(Node argument, bool keywords) : Node
{
    public Node Argument { get; } = argument;

    /// <summary>True for <c>**kwargs</c>, false for <c>*args</c>.</summary>
    public bool Keywords { get; } = keywords;

    public override IEnumerable<Node?> Children() => [Argument];
}

internal sealed class CallStatementNode(CallNode call, List<Node>? callerArgs, List<Node> body) : Node
{
    public CallNode Call { get; } = call;

    public List<Node>? CallerArgs { get; } = callerArgs;

    public List<Node> Body { get; } = body;

    public override IEnumerable<Node?> Children() => [Call, .. CallerArgs ?? [], .. Body];
}

internal sealed class TernaryNode(Node condition, Node trueExpr, Node falseExpr) : Node
{
    public Node Condition { get; } = condition;

    public Node TrueExpr { get; } = trueExpr;

    public Node FalseExpr { get; } = falseExpr;

    public override IEnumerable<Node?> Children() => [Condition, TrueExpr, FalseExpr];
}
