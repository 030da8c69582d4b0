using System.Globalization;
using System.Text;

namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>@huggingface/jinja's tokenizer: comments, whitespace stripping and escaped runs.</summary>
internal sealed partial class Lexer
{
    private void ReadComment()
    {
        var start = _pos;
        _pos += 2;
        var stripBefore = At(_pos) == '-';
        if (stripBefore)
        {
            _pos++;
        }

        var commentStart = _pos;
        while (At(_pos) != '#' || At(_pos + 1) != '}')
        {
            if (_pos + 2 >= _src.Length)
            {
                throw Fail("Missing end of comment tag");
            }

            _pos++;
        }

        var comment = _src[commentStart.._pos];
        var stripAfter = comment.EndsWith('-');
        if (stripAfter)
        {
            comment = comment[..^1];
        }

        if (stripBefore)
        {
            StripTrailingWhitespace();
        }

        Add(comment, TokenType.Comment, start);
        _pos += 2;
        if (stripAfter)
        {
            while (_pos < _src.Length && JsString.IsWhitespace(_src[_pos]))
            {
                _pos++;
            }
        }
    }

    private void StripTrailingWhitespace()
    {
        if (_tokens.Count > 0 && _tokens[^1].Type == TokenType.Text)
        {
            var last = _tokens[^1];
            last.Value = JsString.TrimEnd(last.Value);
            if (last.Value.Length == 0)
            {
                _tokens.RemoveAt(_tokens.Count - 1);
            }
        }
    }

    /// <summary>
    /// JavaScript's <c>consumeWhile</c>: handles escapes and throws when the input ends inside the run. A predicate
    /// that JavaScript would also match past the end (<paramref name="whitespaceOnly"/> false) fails there too.
    /// </summary>
    private string ConsumeWhile(Func<char, bool> predicate, bool whitespaceOnly)
    {
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _src.Length)
            {
                if (whitespaceOnly)
                {
                    break;
                }

                throw Fail("Unexpected end of input");
            }

            var c = _src[_pos];
            if (!predicate(c))
            {
                break;
            }

            if (c == '\\')
            {
                ReadEscape(sb);
                continue;
            }

            sb.Append(c);
            _pos++;
            if (_pos >= _src.Length)
            {
                throw Fail("Unexpected end of input");
            }
        }

        return sb.ToString();
    }

    private void ReadEscape(StringBuilder sb)
    {
        _pos++;
        if (_pos >= _src.Length)
        {
            throw Fail("Unexpected end of input");
        }

        var escaped = _src[_pos++];
        if (escaped is 'x' or 'u')
        {
            var length = escaped == 'x' ? 2 : 4;
            var hex = _src.Substring(_pos, Math.Min(length, _src.Length - _pos));
            if (hex.Length != length || !hex.All(char.IsAsciiHexDigit))
            {
                throw Fail($"Invalid hexadecimal escape sequence: \\{escaped}{hex}");
            }

            sb.Append((char)int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            _pos += length;
            return;
        }

        sb.Append(escaped switch
        {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'b' => '\b',
            'f' => '\f',
            'v' => '\v',
            '\'' => '\'',
            '"' => '"',
            '\\' => '\\',
            _ => throw Fail($"Unexpected escaped character: {escaped}"),
        });
    }
}
