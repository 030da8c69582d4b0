namespace HfPipelines.Seq2Seq;

/// <summary>
/// Greedy, sampling and beam-search decoding for encoder-decoder models, with transformers' semantics (logits
/// processors, <c>length_penalty</c>, <c>early_stopping</c>, EOS handling, padding of finished rows).
/// Returns the decoder sequences, decoder start token included.
/// </summary>
public static class Seq2SeqGenerator
{
    /// <summary>Generates one sequence per batch row.</summary>
    /// <param name="session">The model session (its encoder has run; rows = batch x beams).</param>
    /// <param name="batchSize">The number of inputs.</param>
    /// <param name="config">The settings (validated here).</param>
    /// <param name="cancellationToken">Checked before every decoder step.</param>
    /// <returns>One token sequence per input.</returns>
    public static IReadOnlyList<int[]> Generate(ISeq2SeqSession session, int batchSize, Seq2SeqGenerationConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        config.Validate();
        return config.NumBeams == 1
            ? Greedy(session, batchSize, config, cancellationToken)
            : new BeamSearch(session, batchSize, config).Run(cancellationToken);
    }

    private static List<int[]> Greedy(ISeq2SeqSession session, int batchSize, Seq2SeqGenerationConfig config, CancellationToken cancellationToken)
    {
        var sequences = Enumerable.Range(0, batchSize).Select(_ => new List<int>(config.DecoderPrompt)).ToList();
        var finished = new bool[batchSize];
        var maxLength = config.EffectiveMaxLength;
        var sampler = config.DoSample ? new TokenSampler(config) : null;
        while (sequences[0].Count < maxLength && !finished.All(f => f))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var logits = session.Step(sequences, null);
            CheckShape(logits, batchSize, session.VocabularySize);
            for (var row = 0; row < batchSize; row++)
            {
                if (finished[row])
                {
                    sequences[row].Add(config.PadTokenId);
                    continue;
                }

                LogitsProcessors.Apply(logits[row], sequences[row], config);
                var next = sampler?.Next(logits[row]) ?? LogitsProcessors.ArgMax(logits[row]);
                sequences[row].Add(next);
                finished[row] = config.EosTokenIds.Contains(next);
            }
        }

        return [.. sequences.Select(s => s.ToArray())];
    }

    internal static void CheckShape(float[][] logits, int rows, int vocabulary)
    {
        if (logits.Length != rows || logits.Any(r => r.Length != vocabulary))
        {
            throw new ModelLoadException(
                $"The decoder returned {logits.Length} logits rows of width {(logits.Length > 0 ? logits[0].Length : 0)}; expected {rows} rows of {vocabulary}. The model's outputs do not match its config.");
        }
    }
}
