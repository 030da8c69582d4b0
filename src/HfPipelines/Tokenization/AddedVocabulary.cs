using HfPipelines.Tokenization.Normalizers;

namespace HfPipelines.Tokenization;

/// <summary>The added tokens, and their matching in text (leftmost, longest first), as Hugging Face's <c>AddedVocabulary</c>.</summary>
internal sealed class AddedVocabulary
{
    private readonly AddedTokenTrie _raw;
    private readonly AddedTokenTrie _normalized;
    private readonly Dictionary<int, AddedToken> _byId;
    private readonly Dictionary<string, AddedToken> _byContent;

    public AddedVocabulary(IEnumerable<AddedToken> tokens, INormalizer? normalizer = null)
    {
        var list = tokens.Where(t => t.Content.Length > 0).ToList();
        _byId = [];
        _byContent = new Dictionary<string, AddedToken>(StringComparer.Ordinal);
        foreach (var token in list)
        {
            _byId[token.Id] = token;
            _byContent[token.Content] = token;
        }

        _raw = new AddedTokenTrie(list.Where(t => !t.Normalized).Select(t => (t.Content, t)));

        // Normalized tokens are matched in the normalized text by their normalized content (Hugging Face's trie).
        _normalized = new AddedTokenTrie(list.Where(t => t.Normalized).Select(t => (Normalize(t.Content, normalizer), t)));
    }

    public IReadOnlyCollection<AddedToken> Tokens => _byId.Values;

    public AddedToken? ById(int id) => _byId.GetValueOrDefault(id);

    public AddedToken? ByContent(string content) => _byContent.GetValueOrDefault(content);

    /// <summary>Splits <paramref name="text"/> into normalized pieces and added tokens: raw-matched tokens first, then the
    /// normalizer on the rest, then normalized-matched tokens; they are appended to <paramref name="result"/>.</summary>
    public void Split(string text, INormalizer? normalizer, List<(NormalizedText Text, AddedToken? Token)> result)
    {
        var whole = NormalizedText.FromOriginal(text, 0, text.Length);
        if (_raw.IsEmpty || !text.AsSpan().ContainsAny(_raw.FirstChars))
        {
            // No raw token can start anywhere: the whole text is one piece.
            Match(normalizer is null ? whole : normalizer.Normalize(whole), _normalized, result);
            return;
        }

        var raw = new List<(NormalizedText, AddedToken?)>();
        Match(whole, _raw, raw);
        foreach (var (piece, token) in raw)
        {
            if (token is not null)
            {
                result.Add((piece, token));
                continue;
            }

            Match(normalizer is null ? piece : normalizer.Normalize(piece), _normalized, result);
        }
    }

    private static string Normalize(string content, INormalizer? normalizer) =>
        normalizer is null ? content : normalizer.Normalize(NormalizedText.FromOriginal(content, 0, content.Length)).Text;

    /// <summary>Appends the pieces and tokens of <paramref name="piece"/> to <paramref name="result"/> (at least one item).</summary>
    private static void Match(NormalizedText piece, AddedTokenTrie index, List<(NormalizedText, AddedToken?)> result)
    {
        var text = piece.Text;
        var before = result.Count;
        var last = 0;
        var i = 0;
        while (!index.IsEmpty && i < text.Length)
        {
            // Jump to the next char a token can start with.
            var next = text.AsSpan(i).IndexOfAny(index.FirstChars);
            if (next < 0)
            {
                break;
            }

            i += next;
            var found = index.LongestAt(text, i);
            if (found is not { } match)
            {
                i++;
                continue;
            }

            var token = match.Token;
            var (start, end) = (i, i + match.Key.Length);
            i = end;
            if (token.SingleWord && ((start > 0 && IsWordChar(text[start - 1])) || (end < text.Length && IsWordChar(text[end]))))
            {
                continue;
            }

            while (token.LStrip && start > last && char.IsWhiteSpace(text[start - 1]))
            {
                start--;
            }

            while (token.RStrip && end < text.Length && char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            i = end;
            if (start > last)
            {
                result.Add((piece.Slice(last, start), null));
            }

            result.Add((piece.Slice(start, end), token));
            last = end;
        }

        if (last < text.Length || result.Count == before)
        {
            result.Add((piece.Slice(last, text.Length), null));
        }
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
