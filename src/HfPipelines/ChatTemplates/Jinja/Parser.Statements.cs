namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>@huggingface/jinja's recursive-descent parser: the bodies of set, if, macro, for, call and filter statements.</summary>
internal sealed partial class Parser
{
    private SetNode ParseSet()
    {
        var left = ParseExpressionSequence(primary: false);
        Node? value = null;
        var body = new List<Node>();
        if (Is(TokenType.Equals))
        {
            _current++;
            value = ParseExpressionSequence(primary: false);
        }
        else
        {
            Expect(TokenType.CloseStatement, "Expected %} token");
            body = ParseBodyUntil("endset");
            Expect(TokenType.OpenStatement, "Expected {% token");
            ExpectIdentifier("endset");
        }

        Expect(TokenType.CloseStatement, "Expected closing statement token");
        return new SetNode(left, value, body);
    }

    private IfNode ParseIf()
    {
        Enter();
        try
        {
            var test = ParseExpression();
            Expect(TokenType.CloseStatement, "Expected closing statement token");
            var body = ParseBodyUntil("elif", "else", "endif");
            var alternate = new List<Node>();
            if (IsStatement("elif"))
            {
                _current += 2;
                alternate.Add(ParseIf());
            }
            else if (IsStatement("else"))
            {
                _current += 2;
                Expect(TokenType.CloseStatement, "Expected closing statement token");
                alternate = ParseBodyUntil("endif");
            }

            return new IfNode(test, body, alternate);
        }
        finally
        {
            _depth--;
        }
    }

    private MacroNode ParseMacro()
    {
        if (ParsePrimaryExpression() is not IdentifierNode name)
        {
            throw Fail("Expected identifier following macro statement");
        }

        var args = ParseArgs(parameters: true);
        Expect(TokenType.CloseStatement, "Expected closing statement token");
        return new MacroNode(name, args, ParseBodyUntil("endmacro"));
    }

    private ForNode ParseFor()
    {
        var loopVariable = ParseExpressionSequence(primary: true);
        if (loopVariable is not (IdentifierNode or ArrayLiteralNode { IsTuple: true }))
        {
            throw Fail("Expected identifier/tuple for the loop variable");
        }

        if (!IsIdentifier("in"))
        {
            throw Fail("Expected `in` keyword following loop variable");
        }

        _current++;
        var iterable = ParseExpression();
        Expect(TokenType.CloseStatement, "Expected closing statement token");
        var body = ParseBodyUntil("endfor", "else");
        var alternative = new List<Node>();
        if (IsStatement("else"))
        {
            _current += 2;
            Expect(TokenType.CloseStatement, "Expected closing statement token");
            alternative = ParseBodyUntil("endfor");
        }

        return new ForNode(loopVariable, iterable, body, alternative);
    }

    private CallStatementNode ParseCallStatement()
    {
        List<Node>? callerArgs = null;
        if (Is(TokenType.OpenParen))
        {
            callerArgs = ParseArgs(parameters: true);
        }

        var callee = ParsePrimaryExpression();
        if (callee is not IdentifierNode)
        {
            throw Fail("Expected identifier following call statement");
        }

        var callArgs = ParseArgs(parameters: false);
        Expect(TokenType.CloseStatement, "Expected closing statement token");
        var body = ParseBodyUntil("endcall");
        ExpectEnd("endcall");
        return new CallStatementNode(new CallNode(callee, callArgs), callerArgs, body);
    }

    private FilterStatementNode ParseFilterStatement()
    {
        var filter = ParsePrimaryExpression();
        if (filter is IdentifierNode && Is(TokenType.OpenParen))
        {
            filter = ParseCallExpression(filter);
        }

        Expect(TokenType.CloseStatement, "Expected closing statement token");
        var body = ParseBodyUntil("endfilter");
        ExpectEnd("endfilter");
        return new FilterStatementNode(filter, body);
    }
}
