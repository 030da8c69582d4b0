namespace HfPipelines.Seq2Seq;

/// <summary>
/// One generation run of an encoder-decoder model: the encoder has run on the input batch; each
/// <see cref="Step"/> feeds the decoder the newest token of every row and returns next-token logits.
/// Rows are the batch times the number of beams. The session owns the decoder's key/value cache.
/// </summary>
public interface ISeq2SeqSession : IDisposable
{
    /// <summary>The vocabulary size (the width of each logits row).</summary>
    int VocabularySize { get; }

    /// <summary>Runs one decoder step.</summary>
    /// <param name="lastTokens">The newest token of each row.</param>
    /// <param name="sourceRows">For beam search: for each row, the row of the previous step it continues (the
    /// cache is reordered accordingly); null when rows continue themselves.</param>
    /// <returns>Logits, one row of <see cref="VocabularySize"/> values per input row.</returns>
    float[][] Step(IReadOnlyList<int> lastTokens, IReadOnlyList<int>? sourceRows);
}
