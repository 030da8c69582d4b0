namespace HfPipelines.Seq2Seq;

/// <summary>The finished hypotheses of one input, as transformers' <c>BeamHypotheses</c>.</summary>
internal sealed class BeamHypotheses(int beams, double lengthPenalty, bool earlyStopping)
{
    private readonly List<(double Score, int[] Tokens)> _items = [];
    private double _worst = 1e9;

    public void Add(int[] tokens, double sumLogProbs, int generatedLength)
    {
        var score = sumLogProbs / Math.Pow(Math.Max(generatedLength, 1), lengthPenalty);
        if (_items.Count < beams || score > _worst)
        {
            _items.Add((score, tokens));
            if (_items.Count > beams)
            {
                var worstIndex = _items.FindIndex(i => i.Score == _items.Min(x => x.Score));
                _items.RemoveAt(worstIndex);
                _worst = _items.Min(i => i.Score);
            }
            else
            {
                _worst = Math.Min(score, _worst);
            }
        }
    }

    /// <summary>Whether no running beam can beat the worst finished hypothesis any more.</summary>
    public bool IsDone(double bestRunningSumLogProbs, int generatedLength)
    {
        if (_items.Count < beams)
        {
            return false;
        }

        if (earlyStopping)
        {
            return true;
        }

        var highestAttainable = bestRunningSumLogProbs / Math.Pow(Math.Max(generatedLength, 1), lengthPenalty);
        return _worst >= highestAttainable;
    }

    public int[] Best() => _items.OrderByDescending(i => i.Score).First().Tokens;
}
