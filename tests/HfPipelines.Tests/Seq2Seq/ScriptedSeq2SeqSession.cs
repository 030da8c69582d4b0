using HfPipelines.Seq2Seq;

namespace HfPipelines.Tests.Seq2Seq;

/// <summary>
/// A decoder whose logits are a function of each row's full token history. It keeps the history the way a
/// key/value cache would (appending the fed token, reordering rows by <c>sourceRows</c>), so a generator that
/// reorders wrongly gets the wrong logits.
/// </summary>
internal sealed class ScriptedSeq2SeqSession(int rows, int vocabulary, Func<int, IReadOnlyList<int>, float[]> logitsFor) : ISeq2SeqSession
{
    private List<int>[] _history = [.. Enumerable.Range(0, rows).Select(_ => new List<int>())];

    public int Steps { get; private set; }

    public int VocabularySize => vocabulary;

    public float[][] Step(IReadOnlyList<IReadOnlyList<int>> sequences, IReadOnlyList<int>? sourceRows)
    {
        Steps++;
        if (sourceRows is not null)
        {
            _history = [.. sourceRows.Select(r => new List<int>(_history[r]))];
        }

        for (var row = 0; row < sequences.Count; row++)
        {
            // Like a cache: what was fed before must be the start of the row's sequence.
            if (!sequences[row].Take(_history[row].Count).SequenceEqual(_history[row]))
            {
                throw new InvalidOperationException($"Row {row}: the cache holds [{string.Join(",", _history[row])}] but the sequence is [{string.Join(",", sequences[row])}].");
            }

            _history[row].AddRange(sequences[row].Skip(_history[row].Count));
        }

        return [.. Enumerable.Range(0, sequences.Count).Select(row => logitsFor(row, _history[row]))];
    }

    public void Dispose()
    {
    }

    /// <summary>Log-probabilities as logits: the given tokens get the given probabilities, the rest share what is left.</summary>
    public static float[] Distribution(int vocabulary, params (int Token, double Probability)[] entries)
    {
        var rest = (1.0 - entries.Sum(e => e.Probability)) / Math.Max(1, vocabulary - entries.Length);
        var row = Enumerable.Repeat((float)Math.Log(Math.Max(rest, 1e-9)), vocabulary).ToArray();
        foreach (var (token, probability) in entries)
        {
            row[token] = (float)Math.Log(probability);
        }

        return row;
    }
}
