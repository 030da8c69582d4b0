namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>@huggingface/jinja's recursive-descent parser: argument lists, member access, slices and literals.</summary>
internal sealed partial class Parser
{
    private List<Node> ParseArgs(bool parameters)
    {
        Expect(TokenType.OpenParen, "Expected opening parenthesis for arguments list");
        var args = ParseArgumentsList(parameters);
        Expect(TokenType.CloseParen, "Expected closing parenthesis for arguments list");
        return args;
    }

    // Longer than 40 lines on purpose: it mirrors one function of @huggingface/jinja branch for branch.
    private List<Node> ParseArgumentsList(bool parameters)
    {
        var args = new List<Node>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var sawKeyword = false;
        var sawSpread = false;
        while (!Is(TokenType.CloseParen))
        {
            var isKeywordSpread = Is(TokenType.ExponentiationBinaryOperator);
            var isPositionalSpread = Is(TokenType.MultiplicativeBinaryOperator) && Current.Value == "*";
            if (parameters && (isKeywordSpread || isPositionalSpread))
            {
                throw Fail("Argument unpacking is not allowed in parameter declarations");
            }

            if (isKeywordSpread)
            {
                _current++;
                args.Add(new SpreadNode(ParseExpression(), keywords: true));
                if (Is(TokenType.Comma))
                {
                    _current++;
                }

                if (!Is(TokenType.CloseParen))
                {
                    throw Fail("Expected closing parenthesis: `**` must be applied to the final argument");
                }

                break;
            }

            Node argument;
            if (isPositionalSpread)
            {
                if (sawSpread)
                {
                    throw Fail("Only one `*` argument unpacking is allowed");
                }

                sawSpread = true;
                _current++;
                argument = new SpreadNode(ParseExpression(), keywords: false);
            }
            else
            {
                argument = ParseArgument(parameters, names);
                if (argument is KeywordArgumentNode)
                {
                    sawKeyword = true;
                }
                else if (sawKeyword)
                {
                    throw Fail(parameters ? "Non-default argument follows default argument" : "Positional arguments must come before keyword arguments");
                }
                else if (sawSpread)
                {
                    throw Fail("Positional arguments must not follow `*` argument unpacking");
                }
            }

            args.Add(argument);
            if (Is(TokenType.Comma))
            {
                _current++;
            }
        }

        return args;
    }

    private Node ParseArgument(bool parameters, HashSet<string> names)
    {
        var argument = ParseExpression();
        if (Is(TokenType.Equals))
        {
            _current++;
            if (argument is not IdentifierNode key)
            {
                throw Fail(parameters ? "Expected identifier for parameter declaration" : "Expected identifier for keyword argument");
            }

            argument = new KeywordArgumentNode(key, ParseExpression());
        }

        if (parameters)
        {
            var name = argument switch
            {
                IdentifierNode id => id.Value,
                KeywordArgumentNode kw => kw.Key.Value,
                _ => throw Fail("Expected identifier for parameter declaration"),
            };
            if (!names.Add(name))
            {
                throw Fail($"Duplicate parameter name: {name}");
            }
        }

        return argument;
    }

    private Node ParseMemberArguments()
    {
        var slices = new List<Node?>();
        var isSlice = false;
        while (!Is(TokenType.CloseSquareBracket))
        {
            if (Is(TokenType.Colon))
            {
                slices.Add(null);
                _current++;
                isSlice = true;
            }
            else
            {
                slices.Add(ParseExpression());
                if (Is(TokenType.Colon))
                {
                    _current++;
                    isSlice = true;
                }
            }
        }

        if (slices.Count == 0)
        {
            throw Fail("Expected at least one argument for member/slice expression");
        }

        if (!isSlice)
        {
            return slices[0]!;
        }

        if (slices.Count > 3)
        {
            throw Fail("Expected 0-3 arguments for slice expression");
        }

        return new SliceNode(slices[0], slices.Count > 1 ? slices[1] : null, slices.Count > 2 ? slices[2] : null);
    }

    private Node ParseMember(Node obj)
    {
        while (Is(TokenType.Dot) || Is(TokenType.OpenSquareBracket))
        {
            var computed = _tokens[_current++].Type == TokenType.OpenSquareBracket;
            Node property;
            if (computed)
            {
                property = ParseMemberArguments();
                Expect(TokenType.CloseSquareBracket, "Expected closing square bracket");
            }
            else
            {
                property = ParsePrimaryExpression();
                if (property is not (IdentifierNode or NumberLiteralNode { IsFloat: false }))
                {
                    throw Fail("Expected identifier or integer following dot operator");
                }
            }

            obj = new MemberNode(obj, property, computed);
        }

        return obj;
    }

    // Longer than 40 lines on purpose: it mirrors one function of @huggingface/jinja branch for branch.
    private Node ParsePrimaryExpression()
    {
        var token = Current;
        _current++;
        switch (token.Type)
        {
            case TokenType.NumericLiteral:
                return ParseNumber(token.Value);
            case TokenType.StringLiteral:
                var value = token.Value;
                while (Is(TokenType.StringLiteral))
                {
                    value += _tokens[_current++].Value;
                }

                return new StringLiteralNode(value);
            case TokenType.Identifier:
                return new IdentifierNode(token.Value);
            case TokenType.OpenParen:
                var expression = ParseExpressionSequence(primary: false);
                Expect(TokenType.CloseParen, "Expected closing parenthesis");
                return expression;
            case TokenType.OpenSquareBracket:
                var values = new List<Node>();
                while (!Is(TokenType.CloseSquareBracket))
                {
                    values.Add(ParseExpression());
                    if (Is(TokenType.Comma))
                    {
                        _current++;
                    }
                }

                _current++;
                return new ArrayLiteralNode(values, isTuple: false);
            case TokenType.OpenCurlyBracket:
                return ParseObjectLiteral();
            default:
                _current--;
                throw Fail($"Unexpected token: {token.Type}");
        }
    }

    private ObjectLiteralNode ParseObjectLiteral()
    {
        var entries = new List<KeyValuePair<Node, Node>>();
        while (!Is(TokenType.CloseCurlyBracket))
        {
            var key = ParseExpression();
            Expect(TokenType.Colon, "Expected colon between key and value in object literal");
            entries.Add(new(key, ParseExpression()));
            if (Is(TokenType.Comma))
            {
                _current++;
            }
        }

        _current++;
        return new ObjectLiteralNode(entries);
    }
}
