namespace HfPipelines.Tokenization;

/// <summary>
/// The encoding of one text (or text pair, or one overflow window of it): ids and everything a task
/// needs to map tokens back to the input. All arrays have the same length.
/// </summary>
public sealed class TokenEncoding
{
    /// <summary>Token ids, special tokens and padding included.</summary>
    public required int[] Ids { get; init; }

    /// <summary>Token strings, as in the vocabulary.</summary>
    public required string[] Tokens { get; init; }

    /// <summary>1 for real tokens, 0 for padding.</summary>
    public required int[] AttentionMask { get; init; }

    /// <summary>Segment ids: 0 for the first sequence, 1 for the pair (BERT-style); all 0 otherwise.</summary>
    public required int[] TypeIds { get; init; }

    /// <summary>Character offsets (start, end exclusive, UTF-16) into the original string of the sequence the token
    /// belongs to; (0, 0) for special and padding tokens.</summary>
    public required (int Start, int End)[] Offsets { get; init; }

    /// <summary>Index of the word (pre-token) each token comes from; null for special and padding tokens.</summary>
    public required int?[] WordIds { get; init; }

    /// <summary>Which sequence each token belongs to: 0 (text), 1 (pair), or null (special, padding).</summary>
    public required int?[] SequenceIds { get; init; }

    /// <summary>1 for special tokens added by the post-processor or padding, 0 for tokens of the input.</summary>
    public required int[] SpecialTokensMask { get; init; }

    /// <summary>The windows that did not fit, when overflow with a stride was asked for.</summary>
    public IReadOnlyList<TokenEncoding> Overflowing { get; init; } = [];

    /// <summary>The number of tokens.</summary>
    public int Length => Ids.Length;
}
