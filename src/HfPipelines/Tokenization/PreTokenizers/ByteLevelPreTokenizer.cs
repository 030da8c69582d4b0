using System.Text;
using System.Text.RegularExpressions;
using HfPipelines.Tokenization.Normalizers;

namespace HfPipelines.Tokenization.PreTokenizers;

/// <summary>GPT-2's byte-level pre-tokenizer: optional prefix space, the GPT-2 split regex, then every UTF-8 byte
/// mapped to a printable char.</summary>
internal sealed partial class ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex) : IRangePreTokenizer
{
    private static readonly RegexSplitPreTokenizer s_splitter = new(Gpt2Regex(), SplitBehavior.Isolated, false);

    public bool AddPrefixSpace => addPrefixSpace;

    /// <summary>ASCII pieces that need no prefix space: every char is one byte and one byte-level char, so the words are
    /// ranges of the mapped piece with the piece's own alignment.</summary>
    public NormalizedText? Split(NormalizedText piece, List<(int Start, int End)> words)
    {
        var text = piece.Text;
        if (text.AsSpan().ContainsAnyExceptInRange('\0', '\u007F') || (addPrefixSpace && text.Length > 0 && text[0] != ' '))
        {
            return null;
        }

        if (useRegex)
        {
            // What RegexSplitPreTokenizer + Splitter (Isolated) give: the matches and the gaps between them.
            var last = 0;
            foreach (var match in Gpt2Regex().EnumerateMatches(text))
            {
                var (start, end) = (Math.Max(match.Index, last), match.Index + match.Length);
                if (end > start)
                {
                    if (start > last)
                    {
                        words.Add((last, start));
                    }

                    words.Add((start, end));
                    last = end;
                }
            }

            if (last < text.Length)
            {
                words.Add((last, text.Length));
            }
        }
        else
        {
            words.Add((0, text.Length));
        }

        return piece.WithText(MapAscii(text));
    }

    public void PreTokenize(NormalizedText piece, List<NormalizedText> output)
    {
        if (addPrefixSpace && piece.Length > 0 && piece.Text[0] != ' ')
        {
            var builder = piece.CreateBuilder();
            builder.Append(' ', 0, 1);
            for (var i = 0; i < piece.Length; i++)
            {
                builder.Append(piece.Text[i], i, i + 1);
            }

            piece = builder.Build();
        }

        var words = new List<NormalizedText>();
        if (useRegex)
        {
            s_splitter.PreTokenize(piece, words);
        }
        else
        {
            words.Add(piece);
        }

        foreach (var word in words)
        {
            output.Add(ToBytes(word));
        }
    }

    /// <summary>Maps every UTF-8 byte of <paramref name="piece"/> to its byte-level char, aligned to its source char.</summary>
    public static NormalizedText ToBytes(NormalizedText piece)
    {
        var text = piece.Text;
        if (!text.AsSpan().ContainsAnyExceptInRange('\0', '\u007F'))
        {
            return piece.WithText(MapAscii(text));
        }

        var builder = piece.CreateBuilder();
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < text.Length;)
        {
            var length = UnicodeText.CodePointLength(text, i);
            var count = length == 2 || !char.IsSurrogate(text[i])
                ? Encoding.UTF8.GetBytes(text.AsSpan(i, length), bytes)
                : Encoding.UTF8.GetBytes("\uFFFD", bytes);
            for (var b = 0; b < count; b++)
            {
                builder.Append(ByteLevelAlphabet.ByteToChar[bytes[b]], i, i + length);
            }

            i += length;
        }

        return builder.Build();
    }

    private static string MapAscii(string text) => string.Create(text.Length, text, static (span, t) =>
    {
        for (var i = 0; i < t.Length; i++)
        {
            span[i] = ByteLevelAlphabet.ByteToChar[t[i]];
        }
    });

    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")]
    private static partial Regex Gpt2Regex();
}

/// <summary>GPT-2's byte to char table (<c>bytes_to_unicode</c>).</summary>
internal static class ByteLevelAlphabet
{
    public static readonly char[] ByteToChar = Build();

    public static readonly Dictionary<char, byte> CharToByte = ByteToChar.Select((c, b) => (c, b)).ToDictionary(x => x.c, x => (byte)x.b);

    private static char[] Build()
    {
        var map = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map[b] = printable ? (char)b : (char)next++;
        }

        return map;
    }
}
