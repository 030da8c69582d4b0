namespace HfPipelines.Tokenization.Models;

/// <summary>A token produced by a model, with its char range inside the word it came from.</summary>
internal readonly record struct ModelToken(int Id, string Value, int Start, int End);

/// <summary>A Hugging Face tokenization model (WordPiece, BPE, Unigram): turns one word into tokens.</summary>
internal interface ITokenizerModel
{
    /// <summary>The number of ids of the model's vocabulary (highest id + 1).</summary>
    int VocabularySize { get; }

    /// <summary>Tokenizes one pre-tokenized word; token ranges are relative to the word.</summary>
    void Tokenize(ReadOnlySpan<char> word, List<ModelToken> output);

    int? TokenToId(string token);

    string? IdToToken(int id);
}
