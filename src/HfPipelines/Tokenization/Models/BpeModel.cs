using System.Collections.Concurrent;
using System.Text;

namespace HfPipelines.Tokenization.Models;

/// <summary>Options of a BPE model (tokenizer.json <c>model</c> fields).</summary>
internal sealed record BpeOptions(string? UnkToken, string ContinuingSubwordPrefix, string EndOfWordSuffix, bool FuseUnk, bool ByteFallback, bool IgnoreMerges);

/// <summary>Byte-pair encoding: the lowest-ranked adjacent pair merged first (leftmost on ties), with optional byte
/// fallback, unknown-token fusing and a word cache.</summary>
internal sealed class BpeModel : ITokenizerModel
{
    private const int CacheCapacity = 20_000;
    private const int CacheMaxWordLength = 256;
    private readonly Vocabulary _vocabulary;
    private readonly BpeOptions _options;
    private readonly Dictionary<long, (int Rank, int NewId)> _merges;
    private readonly int _unkId;
    private readonly ConcurrentDictionary<string, ModelToken[]> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ModelToken[]>.AlternateLookup<ReadOnlySpan<char>> _cacheLookup;

    public BpeModel(Vocabulary vocabulary, IReadOnlyList<(string Left, string Right)> merges, BpeOptions options)
    {
        _vocabulary = vocabulary;
        _options = options;
        _unkId = options.UnkToken is null ? -1 : vocabulary.TokenToId(options.UnkToken) ?? -1;
        _cacheLookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
        _merges = new Dictionary<long, (int, int)>(merges.Count);
        var prefixLength = options.ContinuingSubwordPrefix.Length;
        for (var rank = 0; rank < merges.Count; rank++)
        {
            var (left, right) = merges[rank];
            var merged = left + (prefixLength > 0 && right.StartsWith(options.ContinuingSubwordPrefix, StringComparison.Ordinal) ? right[prefixLength..] : right);
            if (vocabulary.TokenToId(left) is int a && vocabulary.TokenToId(right) is int b && vocabulary.TokenToId(merged) is int m)
            {
                _merges.TryAdd(Key(a, b), (rank, m));
            }
        }
    }

    public int VocabularySize => _vocabulary.Size;

    public string EndOfWordSuffix => _options.EndOfWordSuffix;

    public void Tokenize(ReadOnlySpan<char> word, List<ModelToken> output)
    {
        if (word.Length == 0)
        {
            return;
        }

        if (_options.IgnoreMerges && _vocabulary.TryGetId(word, out var whole))
        {
            var token = _vocabulary.IdToToken(whole);
            output.Add(new ModelToken(whole, token is not null && word.SequenceEqual(token) ? token : word.ToString(), 0, word.Length));
            return;
        }

        if (word.Length <= CacheMaxWordLength && _cacheLookup.TryGetValue(word, out var cached))
        {
            output.AddRange(cached);
            return;
        }

        var symbols = InitialSymbols(word);
        Merge(symbols);
        var start = output.Count;
        for (var i = 0; i != -1 && symbols.Count > 0; i = symbols[i].Next)
        {
            var s = symbols[i];
            output.Add(new ModelToken(s.Id, _vocabulary.IdToToken(s.Id) ?? string.Empty, s.Start, s.End));
        }

        if (word.Length <= CacheMaxWordLength && _cache.Count < CacheCapacity)
        {
            _cache.TryAdd(word.ToString(), [.. output.Skip(start)]);
        }
    }

    public int? TokenToId(string token) => _vocabulary.TokenToId(token);

    public string? IdToToken(int id) => _vocabulary.IdToToken(id);

    private static long Key(int a, int b) => ((long)a << 32) | (uint)b;

    private List<Symbol> InitialSymbols(ReadOnlySpan<char> word)
    {
        var symbols = new List<Symbol>(word.Length);
        var prefix = _options.ContinuingSubwordPrefix;
        var suffix = _options.EndOfWordSuffix;
        Span<char> piece = stackalloc char[prefix.Length + 2 + suffix.Length];
        for (var i = 0; i < word.Length;)
        {
            var length = char.IsHighSurrogate(word[i]) && i + 1 < word.Length && char.IsLowSurrogate(word[i + 1]) ? 2 : 1;

            // The char, with the continuing prefix when not first and the end-of-word suffix when last.
            var n = 0;
            if (i > 0)
            {
                prefix.AsSpan().CopyTo(piece);
                n = prefix.Length;
            }

            word.Slice(i, length).CopyTo(piece[n..]);
            n += length;
            if (i + length == word.Length)
            {
                suffix.AsSpan().CopyTo(piece[n..]);
                n += suffix.Length;
            }

            if (_vocabulary.TryGetId(piece[..n], out var id))
            {
                Add(symbols, id, i, i + length, unk: false);
            }
            else if (!(_options.ByteFallback && AddBytes(symbols, word, i, length)) && _unkId >= 0)
            {
                if (_options.FuseUnk && symbols.Count > 0 && symbols[^1].Unk)
                {
                    symbols[^1] = symbols[^1] with { End = i + length };
                }
                else
                {
                    Add(symbols, _unkId, i, i + length, unk: true);
                }
            }

            i += length;
        }

        return symbols;
    }

    private bool AddBytes(List<Symbol> symbols, ReadOnlySpan<char> word, int index, int length)
    {
        Span<byte> bytes = stackalloc byte[4];
        var count = Encoding.UTF8.GetBytes(word.Slice(index, length), bytes);
        Span<int> ids = stackalloc int[4];
        Span<char> name = stackalloc char[6];
        for (var b = 0; b < count; b++)
        {
            ByteToken(bytes[b], name);
            if (!_vocabulary.TryGetId(name, out ids[b]))
            {
                return false;
            }
        }

        foreach (var id in ids[..count])
        {
            Add(symbols, id, index, index + length, unk: false);
        }

        return true;
    }

    /// <summary>Writes the byte-fallback token <c>&lt;0xAB&gt;</c> of <paramref name="value"/>.</summary>
    internal static void ByteToken(byte value, Span<char> name)
    {
        const string Hex = "0123456789ABCDEF";
        name[0] = '<';
        name[1] = '0';
        name[2] = 'x';
        name[3] = Hex[value >> 4];
        name[4] = Hex[value & 0xF];
        name[5] = '>';
    }

    private static void Add(List<Symbol> symbols, int id, int start, int end, bool unk)
    {
        if (symbols.Count > 0)
        {
            symbols[^1] = symbols[^1] with { Next = symbols.Count };
        }

        symbols.Add(new Symbol(id, start, end, symbols.Count - 1, -1, unk));
    }

    private void Merge(List<Symbol> symbols)
    {
        var queue = new PriorityQueue<(int Left, int Right, int LeftId, int RightId, int NewId), (int Rank, int Position)>();
        for (var i = 0; i + 1 < symbols.Count; i++)
        {
            Enqueue(queue, symbols, i);
        }

        while (queue.TryDequeue(out var m, out _))
        {
            var left = symbols[m.Left];
            if (left.Removed || left.Next != m.Right || left.Id != m.LeftId || symbols[m.Right].Id != m.RightId)
            {
                continue;
            }

            var right = symbols[m.Right];
            symbols[m.Left] = left with { Id = m.NewId, End = right.End, Next = right.Next, Unk = false };
            symbols[m.Right] = right with { Removed = true };
            if (right.Next >= 0)
            {
                symbols[right.Next] = symbols[right.Next] with { Prev = m.Left };
            }

            if (left.Prev >= 0)
            {
                Enqueue(queue, symbols, left.Prev);
            }

            Enqueue(queue, symbols, m.Left);
        }

    }

    private void Enqueue(PriorityQueue<(int, int, int, int, int), (int, int)> queue, List<Symbol> symbols, int left)
    {
        var next = symbols[left].Next;
        if (next < 0)
        {
            return;
        }

        if (_merges.TryGetValue(Key(symbols[left].Id, symbols[next].Id), out var merge))
        {
            queue.Enqueue((left, next, symbols[left].Id, symbols[next].Id, merge.NewId), (merge.Rank, left));
        }
    }

    private readonly record struct Symbol(int Id, int Start, int End, int Prev, int Next, bool Unk, bool Removed = false);
}
