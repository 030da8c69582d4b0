namespace HfPipelines.Tokenization.Models;

/// <summary>WordLevel: each word is one token, or the unknown token.</summary>
internal sealed class WordLevelModel(Vocabulary vocabulary, string? unkToken) : ITokenizerModel
{
    public int VocabularySize => vocabulary.Size;

    public void Tokenize(ReadOnlySpan<char> word, List<ModelToken> output)
    {
        if (vocabulary.TryGetId(word, out var id))
        {
            var token = vocabulary.IdToToken(id);
            output.Add(new ModelToken(id, token is not null && word.SequenceEqual(token) ? token : word.ToString(), 0, word.Length));
        }
        else if (unkToken is not null && vocabulary.TokenToId(unkToken) is int unk)
        {
            output.Add(new ModelToken(unk, unkToken, 0, word.Length));
        }
        else
        {
            throw new InvalidPipelineInputException($"The word '{word.ToString()}' is not in the WordLevel vocabulary and the tokenizer has no unknown token.");
        }
    }

    public int? TokenToId(string token) => vocabulary.TokenToId(token);

    public string? IdToToken(int id) => vocabulary.IdToToken(id);
}
