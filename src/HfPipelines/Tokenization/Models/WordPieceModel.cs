namespace HfPipelines.Tokenization.Models;

/// <summary>WordPiece (BERT): greedy longest match first, continuation pieces prefixed with <c>##</c>; a word with any
/// unknown part becomes the unknown token.</summary>
internal sealed class WordPieceModel(Vocabulary vocabulary, string unkToken, string prefix, int maxInputCharsPerWord) : ITokenizerModel
{
    private readonly int _unkId = vocabulary.TokenToId(unkToken) ?? -1;

    public int VocabularySize => vocabulary.Size;

    public string Prefix => prefix;

    public void Tokenize(string word, List<ModelToken> output)
    {
        if (CodePointCount(word) > maxInputCharsPerWord)
        {
            AddUnk(word, output);
            return;
        }

        var first = output.Count;
        var start = 0;
        while (start < word.Length)
        {
            var end = word.Length;
            var found = -1;
            var id = 0;
            while (start < end)
            {
                if (TryLookup(word, start, end, out id))
                {
                    found = end;
                    break;
                }

                end--;
                if (end > start && char.IsLowSurrogate(word[end]) && char.IsHighSurrogate(word[end - 1]))
                {
                    end--;
                }
            }

            if (found < 0)
            {
                output.RemoveRange(first, output.Count - first);
                AddUnk(word, output);
                return;
            }

            output.Add(new ModelToken(id, vocabulary.IdToToken(id)!, start, found));
            start = found;
        }
    }

    public int? TokenToId(string token) => vocabulary.TokenToId(token);

    public string? IdToToken(int id) => vocabulary.IdToToken(id);

    private bool TryLookup(string word, int start, int end, out int id)
    {
        if (start == 0)
        {
            return vocabulary.TryGetId(word.AsSpan(0, end), out id);
        }

        var length = prefix.Length + end - start;
        Span<char> buffer = length <= 256 ? stackalloc char[length] : new char[length];
        prefix.AsSpan().CopyTo(buffer);
        word.AsSpan(start, end - start).CopyTo(buffer[prefix.Length..]);
        return vocabulary.TryGetId(buffer, out id);
    }

    private void AddUnk(string word, List<ModelToken> output)
    {
        if (_unkId < 0)
        {
            throw new InvalidOperationException($"WordPiece needs its unknown token '{unkToken}' in the vocabulary.");
        }

        output.Add(new ModelToken(_unkId, unkToken, 0, word.Length));
    }

    private static int CodePointCount(string word)
    {
        var count = 0;
        for (var i = 0; i < word.Length; i++)
        {
            if (!(char.IsLowSurrogate(word[i]) && i > 0 && char.IsHighSurrogate(word[i - 1])))
            {
                count++;
            }
        }

        return count;
    }
}
