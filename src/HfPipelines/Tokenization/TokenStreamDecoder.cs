namespace HfPipelines.Tokenization;

/// <summary>
/// Decodes generated ids one at a time for streaming: each <see cref="Add"/> returns the text the new id completes,
/// never half a UTF-8 character (a byte-level or byte-fallback token that ends inside a character is held back until the
/// character is complete). Same method as Hugging Face's <c>DecodeStream</c>: the last ids are decoded with one id of
/// context, so decoders that strip a leading space see the same context as a full decode. Not thread-safe.
/// </summary>
public sealed class TokenStreamDecoder
{
    private readonly ITextTokenizer _tokenizer;
    private readonly bool _skipSpecialTokens;
    private readonly List<int> _ids = [];
    private int _prefixIndex;
    private int _readIndex;

    /// <summary>Creates a stream decoder.</summary>
    /// <param name="tokenizer">The tokenizer whose decoder is used.</param>
    /// <param name="skipSpecialTokens">Leave special tokens out of the text.</param>
    public TokenStreamDecoder(ITextTokenizer tokenizer, bool skipSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        _tokenizer = tokenizer;
        _skipSpecialTokens = skipSpecialTokens;
    }

    /// <summary>Adds a generated id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The new text (empty while a character is incomplete or the id decodes to nothing).</returns>
    public string Add(int id)
    {
        _ids.Add(id);
        var prefix = Decode(_prefixIndex, _readIndex);
        var text = Decode(_prefixIndex, _ids.Count);
        if (text.Length <= prefix.Length || text.EndsWith('\uFFFD') || !text.StartsWith(prefix, StringComparison.Ordinal))
        {
            return string.Empty;
        }

        _prefixIndex = _readIndex;
        _readIndex = _ids.Count;
        if (_prefixIndex > 64)
        {
            _ids.RemoveRange(0, _prefixIndex);
            _readIndex -= _prefixIndex;
            _prefixIndex = 0;
        }

        return text[prefix.Length..];
    }

    /// <summary>Returns the text still held back (an incomplete character decodes to U+FFFD) and starts over.</summary>
    /// <returns>The remaining text.</returns>
    public string Flush()
    {
        var prefix = Decode(_prefixIndex, _readIndex);
        var text = Decode(_prefixIndex, _ids.Count);
        Reset();
        return text.Length > prefix.Length && text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : string.Empty;
    }

    /// <summary>Forgets every id (a new generation).</summary>
    public void Reset()
    {
        _ids.Clear();
        _prefixIndex = 0;
        _readIndex = 0;
    }

    private string Decode(int start, int end)
    {
        if (end <= start)
        {
            return string.Empty;
        }

        var ids = _ids.GetRange(start, end - start);
        return _tokenizer is HfTokenizer hf
            ? hf.Decode(ids, _skipSpecialTokens, cleanUpTokenizationSpaces: false)
            : _tokenizer.Decode(ids, _skipSpecialTokens);
    }
}
