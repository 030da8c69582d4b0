using System.Text;
using System.Text.RegularExpressions;
using HfPipelines.Tokenization;

namespace HfPipelines.Tests.Onnx;

/// <summary>
/// A small BERT-like WordPiece tokenizer over a given vocabulary, for tests whose models are lookup tables:
/// [PAD]=0 [UNK]=1 [CLS]=2 [SEP]=3 [MASK]=4, then the vocabulary. Splits on spaces and punctuation; sub-words
/// start with ##; pairs are [CLS] a [SEP] b [SEP]; truncation and stride windows as Hugging Face does them.
/// </summary>
internal sealed partial class FakeWordPieceTokenizer : ITextTokenizer
{
    private readonly List<string> _vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
    private readonly Dictionary<string, int> _ids = [];

    public FakeWordPieceTokenizer(IEnumerable<string> vocabulary, int? modelMaxLength = 512)
    {
        _vocab.AddRange(vocabulary);
        for (var i = 0; i < _vocab.Count; i++)
        {
            _ids[_vocab[i]] = i;
        }

        ModelMaxLength = modelMaxLength;
    }

    public int VocabularySize => _vocab.Count;

    public int? ModelMaxLength { get; }

    public IReadOnlyDictionary<string, (string Token, int Id)> SpecialTokens { get; } = new Dictionary<string, (string, int)>
    {
        ["pad_token"] = ("[PAD]", 0), ["unk_token"] = ("[UNK]", 1), ["cls_token"] = ("[CLS]", 2), ["sep_token"] = ("[SEP]", 3), ["mask_token"] = ("[MASK]", 4),
    };

    public int Id(string token) => _ids[token];

    public int? TokenToId(string token) => _ids.TryGetValue(token, out var id) ? id : null;

    public string? IdToToken(int id) => id >= 0 && id < _vocab.Count ? _vocab[id] : null;

    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true)
    {
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            var token = _vocab[id];
            if (skipSpecialTokens && id <= 4)
            {
                continue;
            }

            text.Append(token.StartsWith("##", StringComparison.Ordinal) ? token[2..] : (text.Length == 0 ? token : " " + token));
        }

        return text.ToString();
    }

    public IReadOnlyList<TokenEncoding> EncodeBatch(IReadOnlyList<string> texts, EncodeOptions? options = null, bool padToLongest = false) =>
        texts.Select(t => Encode(t, null, options)).ToArray();

    public TokenEncoding Encode(string text, string? pair = null, EncodeOptions? options = null)
    {
        options ??= new EncodeOptions();
        var a = Tokenize(text, 0);
        var b = pair is null ? null : Tokenize(pair, 1);
        var specials = !options.AddSpecialTokens ? 0 : b is null ? 2 : 3;
        if (options.MaxLength is not int max || a.Count + (b?.Count ?? 0) + specials <= max)
        {
            return Build(a, b, options.AddSpecialTokens, []);
        }

        var budget = max - specials;
        if (b is not null && options.Truncation == TruncationStrategy.OnlySecond)
        {
            var windows = Windows(b, budget - a.Count, options.Stride);
            return Build(a, windows[0], options.AddSpecialTokens, windows.Skip(1).Select(w => Build(a, w, options.AddSpecialTokens, [])).ToArray());
        }

        if (b is null || options.Truncation == TruncationStrategy.OnlyFirst)
        {
            var windows = Windows(a, budget - (b?.Count ?? 0), options.Stride);
            return Build(windows[0], b, options.AddSpecialTokens, windows.Skip(1).Select(w => Build(w, b, options.AddSpecialTokens, [])).ToArray());
        }

        while (a.Count + b.Count > budget)
        {
            (a.Count >= b.Count ? a : b).RemoveAt((a.Count >= b.Count ? a : b).Count - 1);
        }

        return Build(a, b, options.AddSpecialTokens, []);
    }

    private static List<List<Piece>> Windows(List<Piece> pieces, int size, int? stride)
    {
        var windows = new List<List<Piece>> { pieces.Take(size).ToList() };
        if (stride is int s)
        {
            for (var start = size - s; start + s < pieces.Count; start += size - s)
            {
                windows.Add(pieces.Skip(start).Take(size).ToList());
            }
        }

        return windows;
    }

    private static TokenEncoding Build(List<Piece> a, List<Piece>? b, bool specials, IReadOnlyList<TokenEncoding> overflowing)
    {
        var all = new List<(Piece Piece, int? Sequence, int Type, bool Special)>();
        if (specials)
        {
            all.Add((new Piece(2, "[CLS]", 0, 0, null), null, 0, true));
        }

        all.AddRange(a.Select(p => (p, (int?)0, 0, false)));
        if (specials)
        {
            all.Add((new Piece(3, "[SEP]", 0, 0, null), null, 0, true));
        }

        if (b is not null)
        {
            all.AddRange(b.Select(p => (p, (int?)1, 1, false)));
            if (specials)
            {
                all.Add((new Piece(3, "[SEP]", 0, 0, null), null, 1, true));
            }
        }

        return new TokenEncoding
        {
            Ids = all.Select(x => x.Piece.Id).ToArray(),
            Tokens = all.Select(x => x.Piece.Token).ToArray(),
            AttentionMask = all.Select(_ => 1).ToArray(),
            TypeIds = all.Select(x => x.Type).ToArray(),
            Offsets = all.Select(x => (x.Piece.Start, x.Piece.End)).ToArray(),
            WordIds = all.Select(x => x.Piece.Word).ToArray(),
            SequenceIds = all.Select(x => x.Sequence).ToArray(),
            SpecialTokensMask = all.Select(x => x.Special ? 1 : 0).ToArray(),
            Overflowing = overflowing,
        };
    }

    private List<Piece> Tokenize(string text, int sequence)
    {
        _ = sequence;
        var pieces = new List<Piece>();
        var word = 0;
        foreach (Match m in Words().Matches(text))
        {
            pieces.AddRange(WordPiece(m.Value, m.Index, word++));
        }

        return pieces;
    }

    private IEnumerable<Piece> WordPiece(string word, int offset, int wordIndex)
    {
        if (_ids.TryGetValue(word, out var whole))
        {
            return [new Piece(whole, word, offset, offset + word.Length, wordIndex)];
        }

        var pieces = new List<Piece>();
        var start = 0;
        while (start < word.Length)
        {
            var end = word.Length;
            int? found = null;
            while (end > start)
            {
                var candidate = (start == 0 ? string.Empty : "##") + word[start..end];
                if (_ids.TryGetValue(candidate, out var id))
                {
                    found = id;
                    break;
                }

                end--;
            }

            if (found is null)
            {
                return [new Piece(1, "[UNK]", offset, offset + word.Length, wordIndex)];
            }

            pieces.Add(new Piece(found.Value, _vocab[found.Value], offset + start, offset + end, wordIndex));
            start = end;
        }

        return pieces;
    }

    [GeneratedRegex(@"\[MASK\]|\w+|[^\w\s]")]
    private static partial Regex Words();

    private sealed record Piece(int Id, string Token, int Start, int End, int? Word);
}
