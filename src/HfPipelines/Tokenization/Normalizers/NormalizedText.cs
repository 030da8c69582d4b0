namespace HfPipelines.Tokenization.Normalizers;

/// <summary>
/// A piece of text after normalization, with, for every UTF-16 char, the range of the original input it came from.
/// Immutable once built. When no char was moved, merged or split (no surrogate pair, no normalizer change in
/// length), the alignment is implicit: char <c>i</c> came from <c>[offset + i, offset + i + 1)</c>, and no arrays
/// are kept.
/// </summary>
internal sealed class NormalizedText
{
    // Null: identity alignment (char i came from [_offset + i, _offset + i + 1)).
    private readonly int[]? _starts;
    private readonly int[]? _ends;
    private readonly int _offset;

    public NormalizedText(string text, int[] starts, int[] ends)
        : this(text, starts, ends, 0)
    {
    }

    private NormalizedText(string text, int[]? starts, int[]? ends, int offset)
    {
        Text = text;
        _starts = starts;
        _ends = ends;
        _offset = offset;
    }

    public string Text { get; }

    /// <summary>Original start offset of char <paramref name="index"/>.</summary>
    public int StartOf(int index) => _starts is null ? _offset + index : _starts[_offset + index];

    /// <summary>Original end offset (exclusive) of char <paramref name="index"/>.</summary>
    public int EndOf(int index) => _ends is null ? _offset + index + 1 : _ends[_offset + index];

    public int Length => Text.Length;

    /// <summary>A text that maps one to one onto <paramref name="original"/>[offset..offset+length].</summary>
    public static NormalizedText FromOriginal(string original, int offset, int length)
    {
        var text = offset == 0 && length == original.Length ? original : original.Substring(offset, length);
        if (!text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return new NormalizedText(text, null, null, offset);
        }

        var starts = new int[length];
        var ends = new int[length];
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

    /// <summary>The same alignment with another text of the same length (a char-for-char rewrite such as ASCII
    /// lowercasing).</summary>
    public NormalizedText WithText(string text)
    {
        if (text.Length != Text.Length)
        {
            throw new ArgumentException("The new text must have the same length.", nameof(text));
        }

        return new NormalizedText(text, _starts, _ends, _offset);
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

    /// <summary>The original range of the normalized range [start, end) of the word [wordStart, wordEnd) of this text:
    /// what <c>Slice(wordStart, wordEnd).OriginalRange(start, end)</c> gives, without the slice.</summary>
    public (int Start, int End) OriginalRange(int wordStart, int wordEnd, int start, int end)
    {
        var length = wordEnd - wordStart;
        if (length == 0)
        {
            return (0, 0);
        }

        if (start >= end)
        {
            var at = start < length ? StartOf(wordStart + start) : EndOf(wordEnd - 1);
            return (at, at);
        }

        return (StartOf(wordStart + start), EndOf(wordStart + end - 1));
    }

    /// <summary>Starts a builder whose appended chars are aligned to chars of this text.</summary>
    public Builder CreateBuilder() => new(this);

    /// <summary>Builds a normalized text char by char, each char aligned to a range of the source text.</summary>
    internal sealed class Builder
    {
        private readonly NormalizedText _source;
        private char[] _text;
        private int[] _starts;
        private int[] _ends;
        private int _count;

        public Builder(NormalizedText source)
        {
            _source = source;
            var capacity = Math.Max(source.Length + 4, 16);
            _text = new char[capacity];
            _starts = new int[capacity];
            _ends = new int[capacity];
        }

        /// <summary>Appends <paramref name="value"/>, aligned to the source chars [from, to).</summary>
        public void Append(ReadOnlySpan<char> value, int from, int to)
        {
            var (start, end) = _source.OriginalRange(from, to);
            Reserve(value.Length);
            value.CopyTo(_text.AsSpan(_count));
            _starts.AsSpan(_count, value.Length).Fill(start);
            _ends.AsSpan(_count, value.Length).Fill(end);
            _count += value.Length;
        }

        /// <summary>Appends one char aligned to the source chars [from, to).</summary>
        public void Append(char value, int from, int to)
        {
            var (start, end) = _source.OriginalRange(from, to);
            Reserve(1);
            _text[_count] = value;
            _starts[_count] = start;
            _ends[_count] = end;
            _count++;
        }

        /// <summary>Appends the source chars [from, to) unchanged, each aligned to itself.</summary>
        public void AppendSource(int from, int to) => AppendAligned(_source.Text.AsSpan(from, to - from), from);

        /// <summary>Appends <paramref name="value"/>, its char k aligned to the source char <paramref name="from"/> + k.</summary>
        public void AppendAligned(ReadOnlySpan<char> value, int from)
        {
            var count = value.Length;
            Reserve(count);
            value.CopyTo(_text.AsSpan(_count));
            for (var i = 0; i < count; i++)
            {
                _starts[_count + i] = _source.StartOf(from + i);
                _ends[_count + i] = _source.EndOf(from + i);
            }

            _count += count;
        }

        public NormalizedText Build() =>
            new(new string(_text, 0, _count), _starts.AsSpan(0, _count).ToArray(), _ends.AsSpan(0, _count).ToArray());

        private void Reserve(int count)
        {
            if (_count + count <= _text.Length)
            {
                return;
            }

            var capacity = Math.Max(_text.Length * 2, _count + count);
            Array.Resize(ref _text, capacity);
            Array.Resize(ref _starts, capacity);
            Array.Resize(ref _ends, capacity);
        }
    }
}
