namespace HfPipelines.ChatTemplates.Jinja;

internal enum TokenType
{
    Text,
    NumericLiteral,
    StringLiteral,
    Identifier,
    Equals,
    OpenParen,
    CloseParen,
    OpenStatement,
    CloseStatement,
    OpenExpression,
    CloseExpression,
    OpenSquareBracket,
    CloseSquareBracket,
    OpenCurlyBracket,
    CloseCurlyBracket,
    Comma,
    Dot,
    Colon,
    Pipe,
    CallOperator,
    AdditiveBinaryOperator,
    MultiplicativeBinaryOperator,
    ExponentiationBinaryOperator,
    ComparisonBinaryOperator,
    UnaryOperator,
    Comment,
}

/// <summary>A lexer token; <see cref="Position"/> is the offset in the original template source.</summary>
internal sealed class Token
{
    public Token(string value, TokenType type, int position)
    {
        Value = value;
        Type = type;
        Position = position;
    }

    public string Value { get; set; }

    public TokenType Type { get; }

    public int Position { get; }
}
