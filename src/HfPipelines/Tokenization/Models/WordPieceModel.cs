namespace HfPipelines.Tokenization.Models;

/// <summary>WordPiece (BERT): greedy longest match first, continuation pieces prefixed with <c>##</c>; a word with any
/// unknown part becomes the unknown token.</summary>
internal sealed class WordPieceModel(Vocabulary vocabulary, string unkToken, string prefix, int maxInputCharsPerWord) : ITokenizerModel
{
    private const int StackLimit = 256;
    private readonly int _unkId = vocabulary.TokenToId(unkToken) ?? -1;

    public int VocabularySize => vocabulary.Size;

    public string Prefix => prefix;

    public void Tokenize(ReadOnlySpan<char> word, List<ModelToken> output)
    {
        if (CodePointCount(word) > maxInputCharsPerWord)
        {
            AddUnk(word.Length, output);
            return;
        }

        // The word sits after room for the prefix; a continuation piece starting at `start` is looked up as
        // buffer[start .. prefix + end), with the prefix written over chars already consumed.
        var length = prefix.Length + word.Length;
        Span<char> buffer = length <= StackLimit ? stackalloc char[length] : new char[length];
        word.CopyTo(buffer[prefix.Length..]);
        var first = output.Count;
        var start = 0;
        while (start < word.Length)
        {
            if (start > 0)
            {
                prefix.AsSpan().CopyTo(buffer[start..]);
            }

            // No token is longer than the vocabulary's longest: the search starts there (never inside a surrogate pair).
            var keyStart = start == 0 ? prefix.Length : start;
            var end = Math.Min(word.Length, start + vocabulary.MaxTokenLength - (start == 0 ? 0 : prefix.Length));
            if (end < word.Length && end > start && char.IsLowSurrogate(word[end]) && char.IsHighSurrogate(word[end - 1]))
            {
                end--;
            }

            var found = -1;
            var id = 0;
            while (start < end)
            {
                if (vocabulary.TryGetId(buffer[keyStart..(prefix.Length + end)], out id))
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
                AddUnk(word.Length, output);
                return;
            }

            output.Add(new ModelToken(id, vocabulary.IdToToken(id)!, start, found));
            start = found;
        }
    }

    public int? TokenToId(string token) => vocabulary.TokenToId(token);

    public string? IdToToken(int id) => vocabulary.IdToToken(id);

    private void AddUnk(int wordLength, List<ModelToken> output)
    {
        if (_unkId < 0)
        {
            // As the Rust library, this fails at the first word it cannot split, not at load; but typed.
            throw new TokenizerLoadException($"The WordPiece vocabulary ({vocabulary.Count} entries) has no unknown token '{unkToken}' (model.unk_token), so a word it cannot split has no id. Add '{unkToken}' to model.vocab of the tokenizer.json, or use the model's complete tokenizer files.");
        }

        output.Add(new ModelToken(_unkId, unkToken, 0, wordLength));
    }

    private static int CodePointCount(ReadOnlySpan<char> word)
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
