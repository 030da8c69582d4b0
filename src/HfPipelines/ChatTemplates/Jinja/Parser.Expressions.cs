namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>@huggingface/jinja's recursive-descent parser: expressions.</summary>
internal sealed partial class Parser
{
    private Node ParseExpressionSequence(bool primary)
    {
        var expressions = new List<Node> { primary ? ParsePrimaryExpression() : ParseExpression() };
        var isTuple = Is(TokenType.Comma);
        while (isTuple)
        {
            _current++;
            expressions.Add(primary ? ParsePrimaryExpression() : ParseExpression());
            if (!Is(TokenType.Comma))
            {
                break;
            }
        }

        return isTuple ? new ArrayLiteralNode(expressions, isTuple: true) : expressions[0];
    }

    private Node ParseExpression()
    {
        Enter();
        try
        {
            return ParseIfExpression();
        }
        finally
        {
            _depth--;
        }
    }

    private Node ParseIfExpression()
    {
        var a = ParseLogicalOr();
        if (!IsIdentifier("if"))
        {
            return a;
        }

        _current++;
        var test = ParseLogicalOr();
        if (IsIdentifier("else"))
        {
            _current++;
            Enter();
            try
            {
                return new TernaryNode(test, a, ParseIfExpression());
            }
            finally
            {
                _depth--;
            }
        }

        return new SelectNode(a, test);
    }

    private Node ParseLogicalOr()
    {
        var left = ParseLogicalAnd();
        while (IsIdentifier("or"))
        {
            _current++;
            left = new BinaryNode("or", left, ParseLogicalAnd());
        }

        return left;
    }

    private Node ParseLogicalAnd()
    {
        var left = ParseLogicalNegation();
        while (IsIdentifier("and"))
        {
            _current++;
            left = new BinaryNode("and", left, ParseLogicalNegation());
        }

        return left;
    }

    private Node ParseLogicalNegation()
    {
        Node? right = null;
        while (IsIdentifier("not"))
        {
            _current++;
            Enter();
            try
            {
                right = new UnaryNode("not", ParseLogicalNegation());
            }
            finally
            {
                _depth--;
            }
        }

        return right ?? ParseComparison();
    }

    private Node ParseComparison()
    {
        var left = ParseAdditive();
        while (true)
        {
            string op;
            if (IsIdentifier("not", "in"))
            {
                op = "not in";
                _current += 2;
            }
            else if (IsIdentifier("in"))
            {
                op = "in";
                _current++;
            }
            else if (Is(TokenType.ComparisonBinaryOperator))
            {
                op = _tokens[_current++].Value;
            }
            else
            {
                break;
            }

            left = new BinaryNode(op, left, ParseAdditive());
        }

        return left;
    }

    private Node ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Is(TokenType.AdditiveBinaryOperator))
        {
            var op = _tokens[_current++].Value;
            left = new BinaryNode(op, left, ParseMultiplicative());
        }

        return left;
    }

    private Node ParseMultiplicative()
    {
        var left = ParsePower();
        while (Is(TokenType.MultiplicativeBinaryOperator))
        {
            var op = _tokens[_current++].Value;
            left = new BinaryNode(op, left, ParsePower());
        }

        return left;
    }

    private Node ParsePower()
    {
        var left = ParseTest();
        while (Is(TokenType.ExponentiationBinaryOperator))
        {
            var op = _tokens[_current++].Value;
            left = new BinaryNode(op, left, ParseTest());
        }

        return left;
    }

    private Node ParseTest()
    {
        var operand = ParseFilter();
        while (IsIdentifier("is"))
        {
            _current++;
            var negate = IsIdentifier("not");
            if (negate)
            {
                _current++;
            }

            if (ParsePrimaryExpression() is not IdentifierNode test)
            {
                throw Fail("Expected identifier for the test");
            }

            operand = new TestNode(operand, negate, test);
        }

        return operand;
    }

    private Node ParseFilter()
    {
        var operand = ParseUnarySign();
        while (Is(TokenType.Pipe))
        {
            _current++;
            var filter = ParsePrimaryExpression();
            if (filter is not IdentifierNode)
            {
                throw Fail("Expected identifier for the filter");
            }

            if (Is(TokenType.OpenParen))
            {
                filter = ParseCallExpression(filter);
            }

            operand = new FilterNode(operand, filter);
        }

        return operand;
    }

    private Node ParseUnarySign()
    {
        var token = _current < _tokens.Count ? _tokens[_current] : null;
        if (token is { Type: TokenType.UnaryOperator or TokenType.AdditiveBinaryOperator, Value: "-" or "+" })
        {
            _current++;
            Enter();
            try
            {
                return new UnaryNode(token.Value, ParseUnarySign());
            }
            finally
            {
                _depth--;
            }
        }

        var member = ParseMember(ParsePrimaryExpression());
        return Is(TokenType.OpenParen) ? ParseCallExpression(member) : member;
    }

    private Node ParseCallExpression(Node callee)
    {
        Node expression = new CallNode(callee, ParseArgs(parameters: false));
        expression = ParseMember(expression);
        while (Is(TokenType.OpenParen))
        {
            expression = ParseMember(new CallNode(expression, ParseArgs(parameters: false)));
        }

        return expression;
    }
}
