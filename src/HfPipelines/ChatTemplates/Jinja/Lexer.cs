namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>@huggingface/jinja's tokenizer, ported rule for rule (including its quirks) so renders match byte for byte.</summary>
internal sealed partial class Lexer
{
    private static readonly (string Seq, TokenType Type)[] s_mapping =
    [
        ("{%", TokenType.OpenStatement), ("%}", TokenType.CloseStatement), ("{{", TokenType.OpenExpression), ("}}", TokenType.CloseExpression),
        ("(", TokenType.OpenParen), (")", TokenType.CloseParen), ("{", TokenType.OpenCurlyBracket), ("}", TokenType.CloseCurlyBracket),
        ("[", TokenType.OpenSquareBracket), ("]", TokenType.CloseSquareBracket), (",", TokenType.Comma), (".", TokenType.Dot),
        (":", TokenType.Colon), ("|", TokenType.Pipe),
        ("<=", TokenType.ComparisonBinaryOperator), (">=", TokenType.ComparisonBinaryOperator), ("==", TokenType.ComparisonBinaryOperator),
        ("!=", TokenType.ComparisonBinaryOperator), ("<", TokenType.ComparisonBinaryOperator), (">", TokenType.ComparisonBinaryOperator),
        ("+", TokenType.AdditiveBinaryOperator), ("-", TokenType.AdditiveBinaryOperator), ("~", TokenType.AdditiveBinaryOperator),
        ("**", TokenType.ExponentiationBinaryOperator), ("*", TokenType.MultiplicativeBinaryOperator), ("//", TokenType.MultiplicativeBinaryOperator),
        ("/", TokenType.MultiplicativeBinaryOperator), ("%", TokenType.MultiplicativeBinaryOperator), ("=", TokenType.Equals),
    ];

    private readonly string _src;
    private readonly int[] _map;
    private readonly string _original;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private int _curlyDepth;

    private Lexer(string original)
    {
        _original = original;
        (_src, _map) = Preprocessor.Run(original);
    }

    public static List<Token> Tokenize(string source) => new Lexer(source).Run();

    /// <summary>A syntax error at an offset of the original source.</summary>
    public static ChatTemplateException Error(string source, int offset, string message)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < offset && i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return ChatTemplateException.Syntax(message, line, column);
    }

    private char At(int i) => i < _src.Length ? _src[i] : '\0';

    private bool StartsAt(string seq) => string.CompareOrdinal(_src, _pos, seq, 0, seq.Length) == 0 && _pos + seq.Length <= _src.Length;

    private ChatTemplateException Fail(string message) => Error(_original, _map[Math.Min(_pos, _src.Length)], message);

    private void Add(string value, TokenType type, int start) => _tokens.Add(new Token(value, type, _map[Math.Min(start, _src.Length)]));

    private List<Token> Run()
    {
        while (_pos < _src.Length)
        {
            if (Step())
            {
                continue;
            }

            throw Fail($"Unexpected character: {_src[_pos]}");
        }

        return _tokens;
    }

    /// <summary>Reads one token; false when the character at the cursor starts none.</summary>
    // Longer than 40 lines on purpose: it mirrors one function of @huggingface/jinja branch for branch.
    private bool Step()
    {
        var last = _tokens.Count == 0 ? (TokenType?)null : _tokens[^1].Type;
        if (last is null or TokenType.CloseStatement or TokenType.CloseExpression or TokenType.Comment)
        {
            var start = _pos;
            while (_pos < _src.Length && !(_src[_pos] == '{' && At(_pos + 1) is '%' or '{' or '#'))
            {
                _pos++;
            }

            if (_pos > start)
            {
                Add(_src[start.._pos], TokenType.Text, start);
                return true;
            }
        }

        if (StartsAt("{#"))
        {
            ReadComment();
            return true;
        }

        if (StartsAt("{%-") || StartsAt("{{-"))
        {
            StripTrailingWhitespace();
            var isStatement = _src[_pos + 1] == '%';
            Add(isStatement ? "{%" : "{{", isStatement ? TokenType.OpenStatement : TokenType.OpenExpression, _pos);
            _curlyDepth = isStatement ? _curlyDepth : 0;
            _pos += 3;
            return true;
        }

        ConsumeWhile(JsString.IsWhitespace, whitespaceOnly: true);
        if (StartsAt("-%}") || StartsAt("-}}"))
        {
            var isStatement = _src[_pos + 1] == '%';
            Add(isStatement ? "%}" : "}}", isStatement ? TokenType.CloseStatement : TokenType.CloseExpression, _pos);
            _pos += 3;
            while (_pos < _src.Length && JsString.IsWhitespace(_src[_pos]))
            {
                _pos++;
            }

            return true;
        }

        return ReadOperatorOrLiteral();
    }

    // Longer than 40 lines on purpose: it mirrors one function of @huggingface/jinja branch for branch.
    private bool ReadOperatorOrLiteral()
    {
        if (_pos >= _src.Length)
        {
            // JavaScript reads `undefined` here and fails to match any rule.
            throw Fail("Unexpected character: undefined");
        }

        var c = _src[_pos];
        var start = _pos;
        if (c is '-' or '+' && ReadSignedNumber(c))
        {
            return true;
        }

        foreach (var (seq, type) in s_mapping)
        {
            if (seq == "}}" && _curlyDepth > 0)
            {
                continue;
            }

            if (StartsAt(seq))
            {
                Add(seq, type, start);
                if (type == TokenType.OpenExpression)
                {
                    _curlyDepth = 0;
                }
                else if (type == TokenType.OpenCurlyBracket)
                {
                    _curlyDepth++;
                }
                else if (type == TokenType.CloseCurlyBracket)
                {
                    _curlyDepth--;
                }

                _pos += seq.Length;
                return true;
            }
        }

        if (c is '\'' or '"')
        {
            _pos++;
            var str = ConsumeWhile(ch => ch != c, whitespaceOnly: false);
            Add(str, TokenType.StringLiteral, start);
            _pos++;
            return true;
        }

        if (char.IsAsciiDigit(c))
        {
            var num = ConsumeWhile(char.IsAsciiDigit, whitespaceOnly: true);
            var lastIsDot = _tokens.Count > 0 && _tokens[^1].Type == TokenType.Dot;
            if (!lastIsDot && At(_pos) == '.' && char.IsAsciiDigit(At(_pos + 1)))
            {
                _pos++;
                num = num + "." + ConsumeWhile(char.IsAsciiDigit, whitespaceOnly: true);
            }

            Add(num, TokenType.NumericLiteral, start);
            return true;
        }

        if (JsString.IsWord(c))
        {
            Add(ConsumeWhile(JsString.IsWord, whitespaceOnly: false), TokenType.Identifier, start);
            return true;
        }

        return false;
    }

    private bool ReadSignedNumber(char sign)
    {
        var last = _tokens.Count == 0 ? (TokenType?)null : _tokens[^1].Type;
        if (last is null or TokenType.Text)
        {
            throw Fail($"Unexpected character: {sign}");
        }

        if (last is TokenType.Identifier or TokenType.NumericLiteral or TokenType.StringLiteral or TokenType.CloseParen or TokenType.CloseSquareBracket)
        {
            return false;
        }

        var start = _pos;
        _pos++;
        var num = ConsumeWhile(char.IsAsciiDigit, whitespaceOnly: true);
        if (num.Length > 0 && At(_pos) == '.' && char.IsAsciiDigit(At(_pos + 1)))
        {
            _pos++;
            num = num + "." + ConsumeWhile(char.IsAsciiDigit, whitespaceOnly: true);
        }

        Add(sign + num, num.Length > 0 ? TokenType.NumericLiteral : TokenType.UnaryOperator, start);
        return true;
    }
}
