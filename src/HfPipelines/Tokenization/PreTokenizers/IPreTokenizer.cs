using HfPipelines.Tokenization.Normalizers;

namespace HfPipelines.Tokenization.PreTokenizers;

/// <summary>A Hugging Face pre-tokenizer: splits (and may rewrite) normalized pieces into words.</summary>
internal interface IPreTokenizer
{
    /// <summary>Splits every piece; <paramref name="output"/> receives the words in order.</summary>
    void PreTokenize(NormalizedText piece, List<NormalizedText> output);
}

/// <summary>How a split keeps the delimiters (Hugging Face <c>SplitDelimiterBehavior</c>).</summary>
internal enum SplitBehavior
{
    Removed,
    Isolated,
    MergedWithPrevious,
    MergedWithNext,
    Contiguous,
}
