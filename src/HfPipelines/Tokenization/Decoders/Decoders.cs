using System.Text;
using System.Text.RegularExpressions;
using HfPipelines.Tokenization.PreTokenizers;

namespace HfPipelines.Tokenization.Decoders;

/// <summary>A Hugging Face decoder: rewrites the token strings of a decode into text pieces (<c>decode_chain</c>).</summary>
internal interface IDecoder
{
    List<string> DecodeChain(List<string> tokens);
}

/// <summary>Applies decoders in order.</summary>
internal sealed class SequenceDecoder(IReadOnlyList<IDecoder> decoders) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens)
    {
        foreach (var decoder in decoders)
        {
            tokens = decoder.DecodeChain(tokens);
        }

        return tokens;
    }
}

/// <summary>WordPiece: <c>##</c> pieces glued to the previous one, others separated by a space; optional cleanup.</summary>
internal sealed class WordPieceDecoder(string prefix, bool cleanup) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (i != 0)
            {
                token = token.StartsWith(prefix, StringComparison.Ordinal) ? token[prefix.Length..] : " " + token;
            }

            result.Add(cleanup ? Cleanup(token) : token);
        }

        return result;
    }

    /// <summary>Hugging Face's <c>clean_up_tokenization</c>.</summary>
    public static string Cleanup(string text) => text
        .Replace(" .", ".", StringComparison.Ordinal).Replace(" ?", "?", StringComparison.Ordinal)
        .Replace(" !", "!", StringComparison.Ordinal).Replace(" ,", ",", StringComparison.Ordinal)
        .Replace(" ' ", "'", StringComparison.Ordinal).Replace(" n't", "n't", StringComparison.Ordinal)
        .Replace(" 'm", "'m", StringComparison.Ordinal).Replace(" 's", "'s", StringComparison.Ordinal)
        .Replace(" 've", "'ve", StringComparison.Ordinal).Replace(" 're", "'re", StringComparison.Ordinal);
}

/// <summary>Byte-level: byte chars back to UTF-8 bytes, decoded (invalid sequences become U+FFFD).</summary>
internal sealed class ByteLevelDecoder : IDecoder
{
    public List<string> DecodeChain(List<string> tokens)
    {
        var bytes = new List<byte>();
        var text = new StringBuilder();
        foreach (var c in string.Concat(tokens))
        {
            if (ByteLevelAlphabet.CharToByte.TryGetValue(c, out var b))
            {
                bytes.Add(b);
            }
            else
            {
                Flush(bytes, text);
                text.Append(c);
            }
        }

        Flush(bytes, text);
        return [text.ToString()];
    }

    private static void Flush(List<byte> bytes, StringBuilder text)
    {
        text.Append(Encoding.UTF8.GetString([.. bytes]));
        bytes.Clear();
    }
}

/// <summary>Metaspace: ▁ back to spaces, the prefix space of the first token removed.</summary>
internal sealed class MetaspaceDecoder(char replacement, bool stripPrefix) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i].Replace(replacement, ' ');
            if (i == 0 && stripPrefix && token.StartsWith(' '))
            {
                token = token[1..];
            }

            result.Add(token);
        }

        return result;
    }
}

/// <summary>Replaces a pattern in every token.</summary>
internal sealed class ReplaceDecoder(Regex pattern, string content) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens) => [.. tokens.Select(t => pattern.Replace(t, content.Replace("$", "$$", StringComparison.Ordinal)))];
}

/// <summary>Byte fallback: runs of <c>&lt;0xXX&gt;</c> tokens become the text they encode (U+FFFD per byte when invalid).</summary>
internal sealed class ByteFallbackDecoder : IDecoder
{
    private static readonly Encoding s_strictUtf8 = new UTF8Encoding(false, true);

    public List<string> DecodeChain(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        var bytes = new List<byte>();
        foreach (var token in tokens)
        {
            if (TryParseByte(token, out var b))
            {
                bytes.Add(b);
                continue;
            }

            Flush(bytes, result);
            result.Add(token);
        }

        Flush(bytes, result);
        return result;
    }

    internal static bool TryParseByte(string token, out byte value)
    {
        value = 0;
        return token.Length == 6 && token.StartsWith("<0x", StringComparison.Ordinal) && token[5] == '>'
            && byte.TryParse(token.AsSpan(3, 2), System.Globalization.NumberStyles.HexNumber, null, out value);
    }

    private static void Flush(List<byte> bytes, List<string> result)
    {
        if (bytes.Count == 0)
        {
            return;
        }

        try
        {
            result.Add(s_strictUtf8.GetString([.. bytes]));
        }
        catch (DecoderFallbackException)
        {
            result.AddRange(Enumerable.Repeat("\uFFFD", bytes.Count));
        }

        bytes.Clear();
    }
}

/// <summary>Joins all tokens into one (<c>Fuse</c>).</summary>
internal sealed class FuseDecoder : IDecoder
{
    public List<string> DecodeChain(List<string> tokens) => [string.Concat(tokens)];
}

/// <summary>Removes up to <c>start</c> leading and <c>stop</c> trailing occurrences of a char from every token (<c>Strip</c>).</summary>
internal sealed class StripDecoder(char content, int start, int stop) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens) => [.. tokens.Select(Strip)];

    private string Strip(string token)
    {
        var from = 0;
        while (from < start && from < token.Length && token[from] == content)
        {
            from++;
        }

        var to = token.Length;
        while (token.Length - to < stop && to > from && token[to - 1] == content)
        {
            to--;
        }

        return token[from..to];
    }
}

/// <summary>BPE with an end-of-word suffix (CLIP's <c>&lt;/w&gt;</c>): the suffix becomes a space, none after the last token.</summary>
internal sealed class BpeSuffixDecoder(string suffix) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens) =>
        [.. tokens.Select((t, i) => t.Replace(suffix, i == tokens.Count - 1 ? string.Empty : " ", StringComparison.Ordinal))];
}

/// <summary>CTC (wav2vec2): repeated tokens collapsed, padding removed, the word delimiter turned into a space.</summary>
internal sealed class CtcDecoder(string padToken, string wordDelimiter, bool cleanup) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i > 0 && tokens[i] == tokens[i - 1])
            {
                continue;
            }

            var token = tokens[i].Replace(padToken, string.Empty, StringComparison.Ordinal);
            if (cleanup)
            {
                token = WordPieceDecoder.Cleanup(token).Replace(wordDelimiter, " ", StringComparison.Ordinal);
            }

            if (token.Length > 0)
            {
                result.Add(token);
            }
        }

        return result;
    }
}
