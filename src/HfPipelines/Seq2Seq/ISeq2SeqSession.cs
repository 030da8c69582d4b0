namespace HfPipelines.Seq2Seq;

/// <summary>
/// One generation run of an encoder-decoder model: the encoder has run on the input batch; each
/// <see cref="Step"/> is given every row's decoder sequence so far and returns next-token logits. A session
/// with a key/value cache feeds the decoder only what it has not seen (the whole prompt at the first step,
/// then one token). Rows are the batch times the number of beams.
/// </summary>
public interface ISeq2SeqSession : IDisposable
{
    /// <summary>The vocabulary size (the width of each logits row).</summary>
    int VocabularySize { get; }

    /// <summary>Runs one decoder step.</summary>
    /// <param name="sequences">Each row's decoder sequence so far (the decoder prompt, then generated tokens).</param>
    /// <param name="sourceRows">For beam search: for each row, the row of the previous step it continues (the
    /// cache is reordered accordingly); null when rows continue themselves.</param>
    /// <returns>Logits, one row of <see cref="VocabularySize"/> values per input row.</returns>
    float[][] Step(IReadOnlyList<IReadOnlyList<int>> sequences, IReadOnlyList<int>? sourceRows);
}
