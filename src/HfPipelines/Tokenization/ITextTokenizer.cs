namespace HfPipelines.Tokenization;

/// <summary>
/// A Hugging Face tokenizer, loaded from the files of a Hub repository, producing the same ids as the
/// Python and JS reference tokenizers. Implementations are immutable and safe to share between threads.
/// </summary>
public interface ITextTokenizer
{
    /// <summary>The vocabulary size, added tokens included.</summary>
    int VocabularySize { get; }

    /// <summary>The model's longest input (<c>model_max_length</c>), when known.</summary>
    int? ModelMaxLength { get; }

    /// <summary>Named special tokens from the config (<c>bos_token</c>, <c>eos_token</c>, <c>unk_token</c>,
    /// <c>sep_token</c>, <c>pad_token</c>, <c>cls_token</c>, <c>mask_token</c>) with their ids.</summary>
    IReadOnlyDictionary<string, (string Token, int Id)> SpecialTokens { get; }

    /// <summary>Encodes a text, or a text pair.</summary>
    /// <param name="text">The text.</param>
    /// <param name="pair">The second text of a pair, or null.</param>
    /// <param name="options">How to encode; null for Python's defaults.</param>
    /// <returns>The encoding.</returns>
    TokenEncoding Encode(string text, string? pair = null, EncodeOptions? options = null);

    /// <summary>Encodes many texts; with <paramref name="padToLongest"/> all encodings are padded to the longest.</summary>
    /// <param name="texts">The texts.</param>
    /// <param name="options">How to encode.</param>
    /// <param name="padToLongest">Pad every encoding to the longest one.</param>
    /// <returns>One encoding per text.</returns>
    IReadOnlyList<TokenEncoding> EncodeBatch(IReadOnlyList<string> texts, EncodeOptions? options = null, bool padToLongest = false);

    /// <summary>Decodes ids to text with the model's decoder.</summary>
    /// <param name="ids">The ids.</param>
    /// <param name="skipSpecialTokens">Leave special tokens out.</param>
    /// <returns>The text.</returns>
    string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true);

    /// <summary>The id of a token string, or null when it is not in the vocabulary.</summary>
    /// <param name="token">The token.</param>
    /// <returns>The id.</returns>
    int? TokenToId(string token);

    /// <summary>The token string of an id, or null when out of range.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The token.</returns>
    string? IdToToken(int id);
}
