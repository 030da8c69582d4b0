namespace HfPipelines.Tokenization.Models;

/// <summary>Runs a model for its token strings and takes the ids from another vocabulary (Marian: pieces of
/// source.spm, ids of vocab.json); a piece missing from that vocabulary becomes the unknown token.</summary>
internal sealed class RemappedModel(ITokenizerModel inner, Vocabulary vocabulary, string unkToken) : ITokenizerModel
{
    private readonly int _unkId = vocabulary.TokenToId(unkToken) ?? 0;

    public int VocabularySize => vocabulary.Size;

    public void Tokenize(ReadOnlySpan<char> word, List<ModelToken> output)
    {
        var start = output.Count;
        inner.Tokenize(word, output);
        for (var i = start; i < output.Count; i++)
        {
            var t = output[i];
            output[i] = vocabulary.TokenToId(t.Value) is int id ? t with { Id = id } : new ModelToken(_unkId, unkToken, t.Start, t.End);
        }
    }

    public int? TokenToId(string token) => vocabulary.TokenToId(token);

    public string? IdToToken(int id) => vocabulary.IdToToken(id);
}
