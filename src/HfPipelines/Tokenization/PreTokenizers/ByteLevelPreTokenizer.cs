using System.Text;
using System.Text.RegularExpressions;
using HfPipelines.Tokenization.Normalizers;

namespace HfPipelines.Tokenization.PreTokenizers;

/// <summary>GPT-2's byte-level pre-tokenizer: optional prefix space, the GPT-2 split regex, then every UTF-8 byte
/// mapped to a printable char.</summary>
internal sealed partial class ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex) : IPreTokenizer
{
    public bool AddPrefixSpace => addPrefixSpace;

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
            new RegexSplitPreTokenizer(Gpt2Regex(), SplitBehavior.Isolated, false).PreTokenize(piece, words);
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
