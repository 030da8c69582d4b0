using HfPipelines.Tokenization.Normalizers;

namespace HfPipelines.Tokenization.PreTokenizers;

/// <summary>Splits a piece around matched ranges with a <see cref="SplitBehavior"/>, as Hugging Face's <c>NormalizedString::split</c>.</summary>
internal static class Splitter
{
    /// <summary>Splits <paramref name="piece"/>; <paramref name="matches"/> are sorted, non-overlapping, non-empty ranges.</summary>
    public static void Split(NormalizedText piece, List<(int Start, int End)> matches, SplitBehavior behavior, bool invert, List<NormalizedText> output)
    {
        // Segments of (start, end, isDelimiter) covering the whole piece.
        var segments = new List<(int Start, int End, bool Delimiter)>(matches.Count * 2 + 1);
        var last = 0;
        foreach (var (start, end) in matches)
        {
            if (start > last)
            {
                segments.Add((last, start, invert));
            }

            segments.Add((start, end, !invert));
            last = end;
        }

        if (last < piece.Length)
        {
            segments.Add((last, piece.Length, invert));
        }

        Apply(piece, segments, behavior, output);
    }

    private static void Apply(NormalizedText piece, List<(int Start, int End, bool Delimiter)> segments, SplitBehavior behavior, List<NormalizedText> output)
    {
        switch (behavior)
        {
            case SplitBehavior.Removed:
                foreach (var s in segments.Where(s => !s.Delimiter))
                {
                    output.Add(piece.Slice(s.Start, s.End));
                }

                break;
            case SplitBehavior.Isolated:
                foreach (var s in segments)
                {
                    output.Add(piece.Slice(s.Start, s.End));
                }

                break;
            case SplitBehavior.MergedWithPrevious:
                MergeWithPrevious(piece, segments, output);
                break;
            case SplitBehavior.MergedWithNext:
                MergeWithNext(piece, segments, output);
                break;
            default:
                Contiguous(piece, segments, output);
                break;
        }
    }

    private static void MergeWithPrevious(NormalizedText piece, List<(int Start, int End, bool Delimiter)> segments, List<NormalizedText> output)
    {
        var start = -1;
        var end = 0;
        foreach (var s in segments)
        {
            if (s.Delimiter && start >= 0)
            {
                end = s.End;
                output.Add(piece.Slice(start, end));
                start = -1;
                continue;
            }

            if (start >= 0)
            {
                output.Add(piece.Slice(start, end));
            }

            start = s.Start;
            end = s.End;
            if (s.Delimiter)
            {
                output.Add(piece.Slice(start, end));
                start = -1;
            }
        }

        if (start >= 0)
        {
            output.Add(piece.Slice(start, end));
        }
    }

    private static void MergeWithNext(NormalizedText piece, List<(int Start, int End, bool Delimiter)> segments, List<NormalizedText> output)
    {
        var start = -1;
        foreach (var s in segments)
        {
            if (s.Delimiter)
            {
                if (start >= 0)
                {
                    output.Add(piece.Slice(start, s.Start));
                }

                start = s.Start;
                continue;
            }

            output.Add(piece.Slice(start >= 0 ? start : s.Start, s.End));
            start = -1;
        }

        if (start >= 0)
        {
            output.Add(piece.Slice(start, piece.Length));
        }
    }

    private static void Contiguous(NormalizedText piece, List<(int Start, int End, bool Delimiter)> segments, List<NormalizedText> output)
    {
        var i = 0;
        while (i < segments.Count)
        {
            var j = i;
            while (j + 1 < segments.Count && segments[j + 1].Delimiter && segments[i].Delimiter)
            {
                j++;
            }

            output.Add(piece.Slice(segments[i].Start, segments[j].End));
            i = j + 1;
        }
    }
}
