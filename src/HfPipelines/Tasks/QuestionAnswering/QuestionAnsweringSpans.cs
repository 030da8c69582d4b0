using HfPipelines.Tokenization;

namespace HfPipelines.Tasks;

/// <summary>Span scoring and character mapping of transformers' question_answering.py
/// (<c>decode_spans</c>, <c>get_indices</c>).</summary>
internal static class QuestionAnsweringSpans
{
    /// <summary>The best spans (start &lt;= end &lt; start + maxAnswerLength, both on context tokens), best first.</summary>
    public static IEnumerable<(int Start, int End, float Score)> Decode(float[] start, float[] end, int topK, int maxAnswerLength, bool[] desired)
    {
        var candidates = new List<(int, int, float)>();
        for (var s = 0; s < start.Length; s++)
        {
            if (!desired[s])
            {
                continue;
            }

            for (var e = s; e < Math.Min(end.Length, s + maxAnswerLength); e++)
            {
                if (desired[e])
                {
                    candidates.Add((s, e, start[s] * end[e]));
                }
            }
        }

        return candidates.OrderByDescending(c => c.Item3).Take(topK);
    }

    /// <summary>Character span of tokens s..e in the context: whole words with <paramref name="alignToWords"/>.</summary>
    public static (int Start, int End) ToChars(TokenEncoding encoding, int s, int e, bool alignToWords)
    {
        if (alignToWords && encoding.WordIds[s] is int startWord && encoding.WordIds[e] is int endWord)
        {
            var start = WordChars(encoding, startWord);
            var end = WordChars(encoding, endWord);
            if (start is not null && end is not null)
            {
                return (start.Value.Start, end.Value.End);
            }
        }

        return (encoding.Offsets[s].Start, encoding.Offsets[e].End);
    }

    private static (int Start, int End)? WordChars(TokenEncoding encoding, int word)
    {
        (int Start, int End)? span = null;
        for (var i = 0; i < encoding.Length; i++)
        {
            if (encoding.WordIds[i] == word && encoding.SequenceIds[i] == 1)
            {
                span = span is null ? encoding.Offsets[i] : (span.Value.Start, encoding.Offsets[i].End);
            }
        }

        return span;
    }
}
