using LLama.Native;

namespace HfPipelines.LlamaCpp;

/// <summary>
/// Every token's text as llama.cpp's grammar sees it (the piece with special tokens rendered), decoded into code
/// points the way llama.cpp's grammar decodes UTF-8, read once per model. Immutable after construction; thread-safe.
/// </summary>
internal sealed class LlamaTokenPieces
{
    // Sequence length by the high four bits of the lead byte, as llama.cpp's decode_utf8 (0: invalid lead byte).
    private static readonly int[] s_lengths = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 2, 2, 3, 4];

    private readonly byte[] _bytes;
    private readonly int[] _offsets;

    public LlamaTokenPieces(SafeLlamaModelHandle model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var vocab = model.Vocab;
        var count = vocab.Count;
        _offsets = new int[count + 1];
        First = new int[count];
        Second = new int[count];
        CodePoints = new byte[count];
        var bytes = new List<byte>(count * 8);
        Span<byte> buffer = stackalloc byte[256];
        Span<int> decoded = stackalloc int[3];
        for (var token = 0; token < count; token++)
        {
            var length = (int)model.TokenToSpan(token, buffer, 0, special: true);
            var piece = length <= buffer.Length ? buffer[..length] : ReadLong(model, token, length);
            _offsets[token] = bytes.Count;
            bytes.AddRange(piece);
            var n = 0;
            var groupable = !((LLamaToken)token).IsEndOfGeneration(vocab) && Decode(piece, decoded, out n);
            First[token] = groupable && n >= 1 ? decoded[0] : -1;
            Second[token] = groupable && n >= 2 ? decoded[1] : -1;
            CodePoints[token] = (byte)(groupable ? n : 0);
        }

        _offsets[count] = bytes.Count;
        _bytes = [.. bytes];
    }

    /// <summary>Tokens in the vocabulary.</summary>
    public int Count => First.Length;

    /// <summary>The first code point of each token, or -1 when the grammar may not judge the token by it
    /// (end-of-generation, empty, NUL, or invalid UTF-8 anywhere in the piece).</summary>
    public int[] First { get; }

    /// <summary>The second complete code point, or -1.</summary>
    public int[] Second { get; }

    /// <summary>1 or 2 when the piece is exactly that many complete code points, 3 when it is longer or ends inside
    /// a code point, 0 when the token is not judged by its code points.</summary>
    public byte[] CodePoints { get; }

    /// <summary>The bytes of a token's piece.</summary>
    public ReadOnlySpan<byte> Piece(int token) => _bytes.AsSpan(_offsets[token], _offsets[token + 1] - _offsets[token]);

    /// <summary>
    /// Feeds a piece to llama.cpp's UTF-8 decoder state (<c>llama_partial_utf8</c>): <paramref name="remaining"/> is
    /// how many continuation bytes the last code point still waits for (negative after an invalid sequence).
    /// </summary>
    public static void Advance(ReadOnlySpan<byte> piece, ref int remaining)
    {
        var pos = 0;
        while (pos < piece.Length && piece[pos] != 0 && remaining > 0)
        {
            if (piece[pos] >> 6 != 2)
            {
                remaining = -1;
                return;
            }

            pos++;
            remaining--;
        }

        while (pos < piece.Length && piece[pos] != 0)
        {
            remaining = s_lengths[piece[pos] >> 4] - 1;
            if (remaining < 0)
            {
                return;
            }

            pos++;
            while (pos < piece.Length && piece[pos] != 0 && remaining > 0)
            {
                pos++;
                remaining--;
            }
        }
    }

    /// <summary>Decodes up to three code points as llama.cpp does; false when the grammar would not see them
    /// (empty piece, a NUL byte, or an invalid lead byte, which makes llama.cpp drop every code point).</summary>
    private static bool Decode(ReadOnlySpan<byte> piece, Span<int> decoded, out int count)
    {
        count = 0;
        if (piece.Length == 0 || piece.Contains((byte)0))
        {
            return false;
        }

        var pos = 0;
        var partial = false;
        while (pos < piece.Length)
        {
            var length = s_lengths[piece[pos] >> 4];
            if (length == 0)
            {
                return false;
            }

            var value = piece[pos] & ((1 << (8 - length)) - 1);
            if (length == 1)
            {
                value = piece[pos];
            }

            pos++;
            var remaining = length - 1;
            while (pos < piece.Length && remaining > 0)
            {
                value = (value << 6) + (piece[pos] & 0x3F);
                pos++;
                remaining--;
            }

            if (remaining > 0)
            {
                partial = true;
                break;
            }

            if (count < decoded.Length)
            {
                decoded[count] = value;
            }

            count++;
        }

        if (count == 0)
        {
            return false;
        }

        count = partial || count > 2 ? 3 : count;
        return true;
    }

    private static byte[] ReadLong(SafeLlamaModelHandle model, int token, int length)
    {
        var buffer = new byte[length];
        model.TokenToSpan(token, buffer, 0, special: true);
        return buffer;
    }
}
