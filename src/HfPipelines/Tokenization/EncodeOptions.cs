namespace HfPipelines.Tokenization;

/// <summary>Which side of a pair is truncated first (Hugging Face <c>truncation</c> strategies).</summary>
public enum TruncationStrategy
{
    /// <summary>Remove tokens from the longer sequence, one at a time.</summary>
    LongestFirst,

    /// <summary>Truncate only the first sequence.</summary>
    OnlyFirst,

    /// <summary>Truncate only the second sequence.</summary>
    OnlySecond,
}

/// <summary>Where padding goes.</summary>
public enum PaddingSide
{
    /// <summary>After the tokens.</summary>
    Right,

    /// <summary>Before the tokens (decoder-only generation).</summary>
    Left,
}

/// <summary>
/// How to encode. Defaults match Python's <c>tokenizer(text)</c>: special tokens added, no truncation,
/// no padding (a <c>tokenizer.json</c>'s own truncation/padding sections are not applied unless asked).
/// </summary>
public sealed class EncodeOptions
{
    /// <summary>Add the post-processor's special tokens (<c>[CLS]</c>, <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c> ...). Default true.</summary>
    public bool AddSpecialTokens { get; set; } = true;

    /// <summary>Truncate to this many tokens (special tokens included); null: no truncation.</summary>
    public int? MaxLength { get; set; }

    /// <summary>The truncation strategy. Default longest first.</summary>
    public TruncationStrategy Truncation { get; set; } = TruncationStrategy.LongestFirst;

    /// <summary>With <see cref="MaxLength"/>: return the truncated-away part as overflowing windows that overlap by
    /// this many tokens (QA <c>doc_stride</c>, long-document NER). Null: no overflow windows.</summary>
    public int? Stride { get; set; }

    /// <summary>Pad to this length (fixed padding); null: no fixed padding.</summary>
    public int? PadToLength { get; set; }

    /// <summary>Padding side. Default right.</summary>
    public PaddingSide PaddingSide { get; set; } = PaddingSide.Right;

    /// <summary>Checks the options; throws <see cref="ArgumentOutOfRangeException"/> naming the bad one.</summary>
    internal void Validate()
    {
        if (MaxLength is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLength), MaxLength, "MaxLength must be 0 or more (null: no truncation).");
        }

        if (Stride is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Stride), Stride, "Stride must be 0 or more (null: no overflow windows).");
        }

        if (Stride is not null && MaxLength is null)
        {
            throw new ArgumentOutOfRangeException(nameof(Stride), Stride, "Stride needs MaxLength: overflow windows are cut at MaxLength.");
        }

        if (PadToLength is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PadToLength), PadToLength, "PadToLength must be 0 or more (null: no fixed padding).");
        }
    }
}
