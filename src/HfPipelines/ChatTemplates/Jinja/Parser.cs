using System.Globalization;
using System.Runtime.CompilerServices;

namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>@huggingface/jinja's recursive-descent parser: statements and blocks.</summary>
internal sealed partial class Parser
{
    private const int MaxDepth = 400;
    private readonly List<Token> _tokens;
    private readonly string _source;
    private int _current;
    private int _depth;

    private Parser(List<Token> tokens, string source)
    {
        _tokens = tokens;
        _source = source;
    }

    public static ProgramNode Parse(string source)
    {
        var parser = new Parser(Lexer.Tokenize(source), source);
        var body = new List<Node>();
        while (parser._current < parser._tokens.Count)
        {
            body.Add(parser.ParseAny());
        }

        return new ProgramNode(body);
    }

    private ChatTemplateException Fail(string message)
    {
        var offset = _current < _tokens.Count ? _tokens[_current].Position : _source.Length;
        return Lexer.Error(_source, offset, message);
    }

    private Token Current => _current < _tokens.Count ? _tokens[_current] : throw Fail("Unexpected end of template");

    private Token Expect(TokenType type, string error)
    {
        if (_current >= _tokens.Count)
        {
            throw Fail($"{error}: the template ended");
        }

        var token = _tokens[_current];
        if (token.Type != type)
        {
            throw Fail($"{error}, got {token.Type}");
        }

        _current++;
        return token;
    }

    private void ExpectIdentifier(string name)
    {
        if (!IsIdentifier(name))
        {
            throw Fail($"Expected {name}");
        }

        _current++;
    }

    private bool Is(TokenType type) => _current < _tokens.Count && _tokens[_current].Type == type;

    private bool IsStatement(params string[] names) =>
        _current + 1 < _tokens.Count && _tokens[_current].Type == TokenType.OpenStatement &&
        _tokens[_current + 1].Type == TokenType.Identifier && names.Contains(_tokens[_current + 1].Value);

    private bool IsIdentifier(params string[] names)
    {
        if (_current + names.Length > _tokens.Count)
        {
            return false;
        }

        for (var i = 0; i < names.Length; i++)
        {
            var token = _tokens[_current + i];
            if (token.Type != TokenType.Identifier || token.Value != names[i])
            {
                return false;
            }
        }

        return true;
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw Fail($"The template nests deeper than {MaxDepth} levels");
        }

        try
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
        }
        catch (InsufficientExecutionStackException)
        {
            throw Fail("The template nests too deeply to parse");
        }
    }

    private Node ParseAny()
    {
        Enter();
        try
        {
            var token = Current;
            switch (token.Type)
            {
                case TokenType.Comment:
                    _current++;
                    return new CommentNode(token.Value);
                case TokenType.Text:
                    _current++;
                    return new StringLiteralNode(token.Value);
                case TokenType.OpenStatement:
                    return ParseStatement();
                case TokenType.OpenExpression:
                    _current++;
                    var result = ParseExpression();
                    Expect(TokenType.CloseExpression, "Expected closing expression token");
                    return result;
                default:
                    throw Fail($"Unexpected token type: {token.Type}");
            }
        }
        finally
        {
            _depth--;
        }
    }

    private List<Node> ParseBodyUntil(params string[] names)
    {
        var body = new List<Node>();
        while (!IsStatement(names))
        {
            body.Add(ParseAny());
        }

        return body;
    }

    private void ExpectEnd(string name)
    {
        Expect(TokenType.OpenStatement, "Expected {% token");
        ExpectIdentifier(name);
        Expect(TokenType.CloseStatement, "Expected %} token");
    }

    // Longer than 40 lines on purpose: it mirrors one function of @huggingface/jinja branch for branch.
    private Node ParseStatement()
    {
        Expect(TokenType.OpenStatement, "Expected opening statement token");
        if (Current.Type != TokenType.Identifier)
        {
            throw Fail($"Unknown statement, got {Current.Type}");
        }

        var name = Current.Value;
        switch (name)
        {
            case "set":
                _current++;
                return ParseSet();
            case "if":
                _current++;
                var ifNode = ParseIf();
                ExpectEnd("endif");
                return ifNode;
            case "macro":
                _current++;
                var macro = ParseMacro();
                ExpectEnd("endmacro");
                return macro;
            case "for":
                _current++;
                var forNode = ParseFor();
                ExpectEnd("endfor");
                return forNode;
            case "call":
                _current++;
                return ParseCallStatement();
            case "break":
            case "continue":
                _current++;
                Expect(TokenType.CloseStatement, "Expected closing statement token");
                return name == "break" ? new BreakNode() : new ContinueNode();
            case "filter":
                _current++;
                return ParseFilterStatement();
            default:
                throw Fail($"Unknown statement type: {name}");
        }
    }

    private static NumberLiteralNode ParseNumber(string text) =>
        new(double.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture), text.Contains('.', StringComparison.Ordinal));
}
