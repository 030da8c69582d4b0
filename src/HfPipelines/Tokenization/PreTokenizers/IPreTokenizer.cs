using HfPipelines.Tokenization.Normalizers;

namespace HfPipelines.Tokenization.PreTokenizers;

/// <summary>A Hugging Face pre-tokenizer: splits (and may rewrite) normalized pieces into words.</summary>
internal interface IPreTokenizer
{
    /// <summary>Splits every piece; <paramref name="output"/> receives the words in order.</summary>
    void PreTokenize(NormalizedText piece, List<NormalizedText> output);
}

/// <summary>A pre-tokenizer that can give its words as ranges of one text (the piece, or a char-for-char rewrite of it
/// with the same alignment), so the pipeline can tokenize them as spans without a string and an alignment per word.</summary>
internal interface IRangePreTokenizer : IPreTokenizer
{
    /// <summary>Appends the words of <paramref name="piece"/> to <paramref name="words"/> as [start, end) ranges, in order,
    /// and returns the text they index; returns null, appending nothing, when this piece needs
    /// <see cref="IPreTokenizer.PreTokenize"/>.</summary>
    NormalizedText? Split(NormalizedText piece, List<(int Start, int End)> words);
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
