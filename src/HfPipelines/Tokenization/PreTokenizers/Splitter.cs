using HfPipelines.Tokenization.Normalizers;

namespace HfPipelines.Tokenization.PreTokenizers;

/// <summary>Splits a piece around matched ranges with a <see cref="SplitBehavior"/>, as Hugging Face's <c>NormalizedString::split</c>.</summary>
internal static class Splitter
{
    /// <summary>Adds the slices of <paramref name="piece"/> for <paramref name="words"/> to <paramref name="output"/>.</summary>
    public static void AddSlices(NormalizedText piece, List<(int Start, int End)> words, List<NormalizedText> output)
    {
        foreach (var (start, end) in words)
        {
            output.Add(piece.Slice(start, end));
        }
    }

    /// <summary>Splits a piece of <paramref name="length"/> chars into word ranges; <paramref name="matches"/> are sorted,
    /// non-overlapping, non-empty ranges.</summary>
    public static void Split(int length, List<(int Start, int End)> matches, SplitBehavior behavior, bool invert, List<(int Start, int End)> output)
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

        if (last < length)
        {
            segments.Add((last, length, invert));
        }

        Apply(length, segments, behavior, output);
    }

    private static void Apply(int length, List<(int Start, int End, bool Delimiter)> segments, SplitBehavior behavior, List<(int Start, int End)> output)
    {
        switch (behavior)
        {
            case SplitBehavior.Removed:
                foreach (var s in segments)
                {
                    if (!s.Delimiter)
                    {
                        output.Add((s.Start, s.End));
                    }
                }

                break;
            case SplitBehavior.Isolated:
                foreach (var s in segments)
                {
                    output.Add((s.Start, s.End));
                }

                break;
            case SplitBehavior.MergedWithPrevious:
                MergeWithPrevious(segments, output);
                break;
            case SplitBehavior.MergedWithNext:
                MergeWithNext(length, segments, output);
                break;
            default:
                Contiguous(segments, output);
                break;
        }
    }

    private static void MergeWithPrevious(List<(int Start, int End, bool Delimiter)> segments, List<(int Start, int End)> output)
    {
        var start = -1;
        var end = 0;
        foreach (var s in segments)
        {
            if (s.Delimiter && start >= 0)
            {
                end = s.End;
                output.Add((start, end));
                start = -1;
                continue;
            }

            if (start >= 0)
            {
                output.Add((start, end));
            }

            start = s.Start;
            end = s.End;
            if (s.Delimiter)
            {
                output.Add((start, end));
                start = -1;
            }
        }

        if (start >= 0)
        {
            output.Add((start, end));
        }
    }

    private static void MergeWithNext(int length, List<(int Start, int End, bool Delimiter)> segments, List<(int Start, int End)> output)
    {
        var start = -1;
        foreach (var s in segments)
        {
            if (s.Delimiter)
            {
                if (start >= 0)
                {
                    output.Add((start, s.Start));
                }

                start = s.Start;
                continue;
            }

            output.Add((start >= 0 ? start : s.Start, s.End));
            start = -1;
        }

        if (start >= 0)
        {
            output.Add((start, length));
        }
    }

    private static void Contiguous(List<(int Start, int End, bool Delimiter)> segments, List<(int Start, int End)> output)
    {
        var i = 0;
        while (i < segments.Count)
        {
            var j = i;
            while (j + 1 < segments.Count && segments[j + 1].Delimiter && segments[i].Delimiter)
            {
                j++;
            }

            output.Add((segments[i].Start, segments[j].End));
            i = j + 1;
        }
    }
}
