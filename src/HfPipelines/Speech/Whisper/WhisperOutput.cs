using HfPipelines.Tasks;
using HfPipelines.Tokenization;

namespace HfPipelines.Speech.Whisper;

/// <summary>Turns generated Whisper tokens into text and timestamped segments.</summary>
internal static class WhisperOutput
{
    /// <summary>Seconds per timestamp step (30 s / 1500 encoder positions).</summary>
    public const double TimePrecision = 0.02;

    /// <summary>Splits tokens at timestamp tokens into segments offset by <paramref name="offsetSeconds"/>.</summary>
    public static List<SpeechChunk> Segments(IReadOnlyList<int> tokens, WhisperTokens special, ITextTokenizer tokenizer, double offsetSeconds)
    {
        var chunks = new List<SpeechChunk>();
        double? start = null;
        var text = new List<int>();
        foreach (var token in tokens)
        {
            if (token >= special.TimestampBegin)
            {
                var time = Math.Round(offsetSeconds + ((token - special.TimestampBegin) * TimePrecision), 2);
                if (start is null)
                {
                    start = time;
                }
                else
                {
                    if (text.Count > 0)
                    {
                        chunks.Add(new SpeechChunk(tokenizer.Decode(text, skipSpecialTokens: true), [start, time]));
                    }

                    text.Clear();
                    start = null;
                }
            }
            else if (token < special.EndOfText)
            {
                text.Add(token);
            }
        }

        if (text.Count > 0)
        {
            chunks.Add(new SpeechChunk(tokenizer.Decode(text, skipSpecialTokens: true), [start ?? offsetSeconds, null]));
        }

        return chunks;
    }

    /// <summary>
    /// Joins the token sequences of overlapping windows: each next window is aligned on the end of the text so
    /// far at the overlap with the most matching tokens (transformers' <c>_find_longest_common_sequence</c>), so
    /// words at the seams are neither doubled nor lost.
    /// </summary>
    public static List<int> MergeOverlapping(IReadOnlyList<IReadOnlyList<int>> windows)
    {
        var merged = new List<int>(windows.Count == 0 ? [] : windows[0]);
        foreach (var next in windows.Skip(1))
        {
            var index = 0;
            var best = 0.0;
            for (var i = 1; i <= Math.Min(next.Count, merged.Count); i++)
            {
                var matches = 0;
                for (var k = 0; k < i; k++)
                {
                    matches += merged[merged.Count - i + k] == next[k] ? 1 : 0;
                }

                var score = ((double)matches / i) + (i / 10000.0);
                if (matches > 1 && score > best)
                {
                    index = i;
                    best = score;
                }
            }

            merged.AddRange(next.Skip(index));
        }

        return merged;
    }
}
