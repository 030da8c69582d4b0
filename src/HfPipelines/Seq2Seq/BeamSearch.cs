namespace HfPipelines.Seq2Seq;

/// <summary>Beam search as transformers' <c>BeamSearchScorer</c> (one returned sequence per input).</summary>
internal sealed class BeamSearch
{
    private readonly ISeq2SeqSession _session;
    private readonly int _batch;
    private readonly int _beams;
    private readonly Seq2SeqGenerationConfig _config;
    private readonly BeamHypotheses[] _hypotheses;
    private readonly bool[] _done;
    private List<int>[] _sequences;
    private double[] _beamScores;

    public BeamSearch(ISeq2SeqSession session, int batch, Seq2SeqGenerationConfig config)
    {
        _session = session;
        _batch = batch;
        _beams = config.NumBeams;
        _config = config;
        _hypotheses = [.. Enumerable.Range(0, batch).Select(_ => new BeamHypotheses(_beams, config.LengthPenalty, config.EarlyStopping))];
        _done = new bool[batch];
        _sequences = [.. Enumerable.Range(0, batch * _beams).Select(_ => new List<int>(config.DecoderPrompt))];

        // Only the first beam of each input is live at the start, so the beams do not all pick the same tokens.
        _beamScores = [.. Enumerable.Range(0, batch * _beams).Select(i => i % _beams == 0 ? 0.0 : -1e9)];
    }

    public List<int[]> Run(CancellationToken cancellationToken)
    {
        IReadOnlyList<int>? sourceRows = null;
        var maxLength = _config.EffectiveMaxLength;
        while (_sequences[0].Count < maxLength && !_done.All(d => d))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var logits = _session.Step(_sequences, sourceRows);
            Seq2SeqGenerator.CheckShape(logits, _sequences.Length, _session.VocabularySize);
            sourceRows = Advance(logits);
        }

        return Finalize();
    }

    private int[] Advance(float[][] logits)
    {
        var curLength = _sequences[0].Count + 1;
        var nextSequences = new List<int>[_sequences.Length];
        var nextScores = new double[_sequences.Length];
        var sources = new int[_sequences.Length];
        for (var b = 0; b < _batch; b++)
        {
            var candidates = TopCandidates(logits, b);
            if (_done[b])
            {
                for (var k = 0; k < _beams; k++)
                {
                    var row = (b * _beams) + k;
                    nextSequences[row] = [.. _sequences[row], _config.PadTokenId];
                    sources[row] = row;
                }

                continue;
            }

            var filled = 0;
            for (var rank = 0; rank < candidates.Count && filled < _beams; rank++)
            {
                var (score, sourceRow, token) = candidates[rank];
                if (_config.EosTokenIds.Contains(token))
                {
                    if (rank < _beams)
                    {
                        _hypotheses[b].Add([.. _sequences[sourceRow], token], score, _sequences[sourceRow].Count - _config.DecoderPrompt.Count);
                    }

                    continue;
                }

                var target = (b * _beams) + filled++;
                nextSequences[target] = [.. _sequences[sourceRow], token];
                nextScores[target] = score;
                sources[target] = sourceRow;
            }

            _done[b] = _hypotheses[b].IsDone(candidates[0].Score, curLength - _config.DecoderPrompt.Count);
        }

        _sequences = nextSequences;
        _beamScores = nextScores;
        return sources;
    }

    // The best 2 x beams (score, source row, token) of one input across its beams, best first.
    private List<(double Score, int SourceRow, int Token)> TopCandidates(float[][] logits, int batchIndex)
    {
        var keep = Math.Max(2, 1 + _config.EosTokenIds.Count) * _beams;
        var best = new List<(double Score, int SourceRow, int Token)>(keep + 1);
        for (var k = 0; k < _beams; k++)
        {
            var row = (batchIndex * _beams) + k;
            var scores = logits[row];
            LogitsProcessors.LogSoftmax(scores);
            LogitsProcessors.Apply(scores, _sequences[row], _config);
            for (var token = 0; token < scores.Length; token++)
            {
                var total = scores[token] + _beamScores[row];
                if (best.Count == keep && total <= best[^1].Score)
                {
                    continue;
                }

                var at = best.FindIndex(c => c.Score < total);
                best.Insert(at < 0 ? best.Count : at, (total, row, token));
                if (best.Count > keep)
                {
                    best.RemoveAt(best.Count - 1);
                }
            }
        }

        return best;
    }

    private List<int[]> Finalize()
    {
        var results = new List<int[]>(_batch);
        for (var b = 0; b < _batch; b++)
        {
            if (!_done[b])
            {
                for (var k = 0; k < _beams; k++)
                {
                    var row = (b * _beams) + k;
                    _hypotheses[b].Add([.. _sequences[row]], _beamScores[row], _sequences[row].Count - _config.DecoderPrompt.Count);
                }
            }

            results.Add(_hypotheses[b].Best());
        }

        return results;
    }
}
