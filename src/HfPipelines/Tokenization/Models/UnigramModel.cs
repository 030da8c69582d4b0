using System.Text;

namespace HfPipelines.Tokenization.Models;

/// <summary>SentencePiece Unigram: the segmentation with the best total score (Viterbi); an unmatched char is the unknown
/// token (score: lowest score minus 10), consecutive unknowns fused, optional byte fallback.</summary>
internal sealed class UnigramModel : ITokenizerModel
{
    private const double UnkPenalty = 10.0;
    private readonly string[] _pieces;
    private readonly double[] _scores;
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _unkId;
    private readonly double _unkScore;
    private readonly PieceTrie _trie;
    private readonly bool _byteFallback;

    public UnigramModel(IReadOnlyList<(string Piece, double Score)> pieces, int? unkId, bool byteFallback)
    {
        _pieces = [.. pieces.Select(p => p.Piece)];
        _scores = [.. pieces.Select(p => p.Score)];
        _ids = new Dictionary<string, int>(pieces.Count, StringComparer.Ordinal);
        for (var i = 0; i < _pieces.Length; i++)
        {
            _ids.TryAdd(_pieces[i], i);
        }

        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _unkId = unkId ?? -1;
        _unkScore = (_scores.Length == 0 ? 0 : _scores.Min()) - UnkPenalty;
        _trie = new PieceTrie(_pieces);
        _byteFallback = byteFallback;
    }

    public int VocabularySize => _pieces.Length;

    public void Tokenize(ReadOnlySpan<char> word, List<ModelToken> output)
    {
        var n = word.Length;
        if (n == 0)
        {
            return;
        }

        const int StackLimit = 128;
        Span<double> best = n < StackLimit ? stackalloc double[n + 1] : new double[n + 1];
        Span<int> from = n < StackLimit ? stackalloc int[n + 1] : new int[n + 1];
        Span<int> ids = n < StackLimit ? stackalloc int[n + 1] : new int[n + 1];
        best.Fill(double.NegativeInfinity);
        best[0] = 0;
        for (var i = 0; i < n; i++)
        {
            if (double.IsNegativeInfinity(best[i]) || (char.IsLowSurrogate(word[i]) && i > 0 && char.IsHighSurrogate(word[i - 1])))
            {
                continue;
            }

            var charLength = char.IsHighSurrogate(word[i]) && i + 1 < n && char.IsLowSurrogate(word[i + 1]) ? 2 : 1;
            var single = false;

            // Every piece that starts at i, shortest first (one trie walk).
            var node = PieceTrie.Root;
            for (var length = 1; i + length <= n && _trie.TryStep(ref node, word[i + length - 1], out var id); length++)
            {
                if (id >= 0)
                {
                    single |= length == charLength;
                    Relax(best, from, ids, i, i + length, best[i] + _scores[id], id);
                }
            }

            if (!single)
            {
                Relax(best, from, ids, i, i + charLength, best[i] + _unkScore, -1);
            }
        }

        Emit(word, from, ids, output);
    }

    public int? TokenToId(string token) => _ids.TryGetValue(token, out var id) ? id : null;

    public string? IdToToken(int id) => id >= 0 && id < _pieces.Length ? _pieces[id] : null;

    private static void Relax(Span<double> best, Span<int> from, Span<int> ids, int start, int end, double score, int id)
    {
        if (score > best[end])
        {
            best[end] = score;
            from[end] = start;
            ids[end] = id;
        }
    }

    private void Emit(ReadOnlySpan<char> word, ReadOnlySpan<int> from, ReadOnlySpan<int> ids, List<ModelToken> output)
    {
        var path = new List<(int Start, int End, int Id)>();
        for (var end = word.Length; end > 0; end = from[end])
        {
            var start = from[end];
            if (ids[end] < 0 && path.Count > 0 && path[^1].Id < 0)
            {
                path[^1] = (start, path[^1].End, -1);
            }
            else
            {
                path.Add((start, end, ids[end]));
            }
        }

        for (var k = path.Count - 1; k >= 0; k--)
        {
            var (start, end, id) = path[k];
            if (id >= 0)
            {
                output.Add(new ModelToken(id, _pieces[id], start, end));
            }
            else if (!(_byteFallback && AddBytes(word, start, end, output)))
            {
                if (_unkId < 0)
                {
                    throw new InvalidPipelineInputException("The text has a char that the Unigram vocabulary cannot represent and the tokenizer has no unknown token.");
                }

                output.Add(new ModelToken(_unkId, _pieces[_unkId], start, end));
            }
        }
    }

    private bool AddBytes(ReadOnlySpan<char> word, int start, int end, List<ModelToken> output)
    {
        var tokens = new List<ModelToken>();
        Span<byte> bytes = stackalloc byte[4];
        Span<char> name = stackalloc char[6];
        for (var i = start; i < end;)
        {
            var length = char.IsHighSurrogate(word[i]) && i + 1 < end && char.IsLowSurrogate(word[i + 1]) ? 2 : 1;
            var count = Encoding.UTF8.GetBytes(word.Slice(i, length), bytes);
            foreach (var b in bytes[..count])
            {
                BpeModel.ByteToken(b, name);
                if (!_lookup.TryGetValue(name, out var id))
                {
                    return false;
                }

                tokens.Add(new ModelToken(id, _pieces[id], i, i + length));
            }

            i += length;
        }

        output.AddRange(tokens);
        return true;
    }
}
