using System.Text;

namespace HfPipelines.Tokenization.Normalizers;

/// <summary>
/// A piece of text after normalization, with, for every UTF-16 char, the range of the original input it came from.
/// Immutable once built.
/// </summary>
internal sealed class NormalizedText
{
    private readonly int[] _starts;
    private readonly int[] _ends;
    private readonly int _offset;

    public NormalizedText(string text, int[] starts, int[] ends)
        : this(text, starts, ends, 0)
    {
    }

    private NormalizedText(string text, int[] starts, int[] ends, int offset)
    {
        Text = text;
        _starts = starts;
        _ends = ends;
        _offset = offset;
    }

    public string Text { get; }

    /// <summary>Original start offset of char <paramref name="index"/>.</summary>
    public int StartOf(int index) => _starts[_offset + index];

    /// <summary>Original end offset (exclusive) of char <paramref name="index"/>.</summary>
    public int EndOf(int index) => _ends[_offset + index];

    public int Length => Text.Length;

    /// <summary>A text that maps one to one onto <paramref name="original"/>[offset..offset+length].</summary>
    public static NormalizedText FromOriginal(string original, int offset, int length)
    {
        var starts = new int[length];
        var ends = new int[length];
        var text = original.Substring(offset, length);
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < length && char.IsLowSurrogate(text[i + 1]))
            {
                starts[i] = starts[i + 1] = offset + i;
                ends[i] = ends[i + 1] = offset + i + 2;
                i++;
                continue;
            }

            starts[i] = offset + i;
            ends[i] = offset + i + 1;
        }

        return new NormalizedText(text, starts, ends);
    }

    /// <summary>The sub-text [start, end) (normalized indices); shares the alignment arrays.</summary>
    public NormalizedText Slice(int start, int end) =>
        start == 0 && end == Length
            ? this
            : new NormalizedText(Text[start..end], _starts, _ends, _offset + start);

    /// <summary>The original range covered by the normalized range [start, end).</summary>
    public (int Start, int End) OriginalRange(int start, int end)
    {
        if (Length == 0)
        {
            return (0, 0);
        }

        if (start >= end)
        {
            var at = start < Length ? StartOf(start) : EndOf(Length - 1);
            return (at, at);
        }

        return (StartOf(start), EndOf(end - 1));
    }

    /// <summary>Starts a builder whose appended chars are aligned to chars of this text.</summary>
    public Builder CreateBuilder() => new(this);

    /// <summary>Builds a normalized text char by char, each char aligned to a range of the source text.</summary>
    internal sealed class Builder
    {
        private readonly NormalizedText _source;
        private readonly StringBuilder _text;
        private readonly List<int> _starts;
        private readonly List<int> _ends;

        public Builder(NormalizedText source)
        {
            _source = source;
            _text = new StringBuilder(source.Length);
            _starts = new List<int>(source.Length);
            _ends = new List<int>(source.Length);
        }

        /// <summary>Appends <paramref name="value"/>, aligned to the source chars [from, to).</summary>
        public void Append(ReadOnlySpan<char> value, int from, int to)
        {
            var (start, end) = _source.OriginalRange(from, to);
            foreach (var c in value)
            {
                _text.Append(c);
                _starts.Add(start);
                _ends.Add(end);
            }
        }

        /// <summary>Appends one char aligned to the source chars [from, to).</summary>
        public void Append(char value, int from, int to)
        {
            var (start, end) = _source.OriginalRange(from, to);
            _text.Append(value);
            _starts.Add(start);
            _ends.Add(end);
        }

        public NormalizedText Build() => new(_text.ToString(), [.. _starts], [.. _ends]);
    }
}
