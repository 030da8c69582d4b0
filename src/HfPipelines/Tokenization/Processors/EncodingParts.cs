namespace HfPipelines.Tokenization.Processors;

/// <summary>A mutable encoding under construction: one sequence, or sequences with their special tokens. Stored as
/// parallel arrays with a count, so that <see cref="ToEncoding"/> can hand over arrays that are exactly full instead of
/// copying them.</summary>
internal sealed class EncodingParts
{
    private int[] _ids;
    private string[] _tokens;
    private (int Start, int End)[] _offsets;
    private int?[] _wordIds;
    private int?[] _sequenceIds;
    private int[] _typeIds;
    private int[] _specialMask;
    private int[] _attentionMask;

    public EncodingParts(int capacity = 0)
    {
        _ids = new int[capacity];
        _tokens = new string[capacity];
        _offsets = new (int, int)[capacity];
        _wordIds = new int?[capacity];
        _sequenceIds = new int?[capacity];
        _typeIds = new int[capacity];
        _specialMask = new int[capacity];
        _attentionMask = new int[capacity];
    }

    public int Count { get; private set; }

    public ReadOnlySpan<int> Ids => _ids.AsSpan(0, Count);

    public ReadOnlySpan<string> Tokens => _tokens.AsSpan(0, Count);

    public Span<(int Start, int End)> Offsets => _offsets.AsSpan(0, Count);

    public void Add(int id, string token, (int Start, int End) offsets, int? wordId, int? sequenceId, int typeId, bool special)
    {
        if (Count == _ids.Length)
        {
            Grow(Count + 1);
        }

        var i = Count;
        _ids[i] = id;
        _tokens[i] = token;
        _offsets[i] = offsets;
        _wordIds[i] = wordId;
        _sequenceIds[i] = sequenceId;
        _typeIds[i] = typeId;
        _specialMask[i] = special ? 1 : 0;
        _attentionMask[i] = 1;
        Count++;
    }

    /// <summary>Empties the parts for reuse (capacity kept).</summary>
    public void Clear()
    {
        _tokens.AsSpan(0, Count).Clear();
        Count = 0;
    }

    /// <summary>Appends all of <paramref name="other"/>, with a new type id.</summary>
    public void Append(EncodingParts other, int? typeId = null) => AppendRange(other, 0, other.Count, typeId);

    public EncodingParts Slice(int start, int end)
    {
        var result = new EncodingParts(end - start);
        result.AppendRange(this, start, end, null);
        result._attentionMask.AsSpan(0, result.Count).Fill(1);
        return result;
    }

    /// <summary>Adds <paramref name="count"/> padding tokens (attention 0, special) on the given side.</summary>
    public void Pad(int count, bool left, int padId, string padToken)
    {
        // Padding is the last change: grown to the exact size, so that the arrays can be handed over as they are.
        Grow(Count + count, exact: true);
        var at = 0;
        if (left)
        {
            Shift(_ids, count);
            Shift(_tokens, count);
            Shift(_offsets, count);
            Shift(_wordIds, count);
            Shift(_sequenceIds, count);
            Shift(_typeIds, count);
            Shift(_specialMask, count);
            Shift(_attentionMask, count);
        }
        else
        {
            at = Count;
        }

        _ids.AsSpan(at, count).Fill(padId);
        _tokens.AsSpan(at, count).Fill(padToken);
        _offsets.AsSpan(at, count).Clear();
        _wordIds.AsSpan(at, count).Clear();
        _sequenceIds.AsSpan(at, count).Clear();
        _typeIds.AsSpan(at, count).Clear();
        _specialMask.AsSpan(at, count).Fill(1);
        _attentionMask.AsSpan(at, count).Clear();
        Count += count;
    }

    /// <summary>Hugging Face's <c>Encoding::truncate</c> (direction right): the first window, then the rest as overflow
    /// windows of <paramref name="maxLength"/> tokens that overlap by <paramref name="stride"/>.</summary>
    public List<EncodingParts> Windows(int maxLength, int stride, bool fromLeft)
    {
        if (maxLength >= Count)
        {
            return [this];
        }

        if (maxLength == 0)
        {
            return [new EncodingParts(), this];
        }

        if (stride >= maxLength)
        {
            throw new InvalidPipelineInputException(
                $"The stride ({stride}) must be less than the room left for the sequence ({maxLength} tokens, the maximum length minus the special tokens): lower the stride or raise the maximum length.");
        }

        var step = maxLength - stride;
        var windows = new List<EncodingParts>();
        if (!fromLeft)
        {
            for (var start = 0; ; start += step)
            {
                var stop = Math.Min(start + maxLength, Count);
                windows.Add(Slice(start, stop));
                if (stop == Count)
                {
                    break;
                }
            }
        }
        else
        {
            for (var stop = Count; ; stop -= step)
            {
                var start = Math.Max(stop - maxLength, 0);
                windows.Add(Slice(start, stop));
                if (start == 0)
                {
                    break;
                }
            }
        }

        return windows;
    }

    /// <summary>The finished encoding. Arrays that are exactly full are handed over rather than copied, so these parts
    /// are emptied and must not be used afterwards.</summary>
    public TokenEncoding ToEncoding(IReadOnlyList<TokenEncoding> overflowing)
    {
        var encoding = new TokenEncoding
        {
            Ids = Take(_ids),
            Tokens = Take(_tokens),
            AttentionMask = Take(_attentionMask),
            TypeIds = Take(_typeIds),
            Offsets = Take(_offsets),
            WordIds = Take(_wordIds),
            SequenceIds = Take(_sequenceIds),
            SpecialTokensMask = Take(_specialMask),
            Overflowing = overflowing,
        };
        _ids = [];
        _tokens = [];
        _offsets = [];
        _wordIds = [];
        _sequenceIds = [];
        _typeIds = [];
        _specialMask = [];
        _attentionMask = [];
        Count = 0;
        return encoding;
    }

    private T[] Take<T>(T[] array) => array.Length == Count ? array : array.AsSpan(0, Count).ToArray();

    private void AppendRange(EncodingParts other, int start, int end, int? typeId)
    {
        var count = end - start;
        Grow(Count + count);
        other._ids.AsSpan(start, count).CopyTo(_ids.AsSpan(Count));
        other._tokens.AsSpan(start, count).CopyTo(_tokens.AsSpan(Count));
        other._offsets.AsSpan(start, count).CopyTo(_offsets.AsSpan(Count));
        other._wordIds.AsSpan(start, count).CopyTo(_wordIds.AsSpan(Count));
        other._sequenceIds.AsSpan(start, count).CopyTo(_sequenceIds.AsSpan(Count));
        if (typeId is int type)
        {
            _typeIds.AsSpan(Count, count).Fill(type);
        }
        else
        {
            other._typeIds.AsSpan(start, count).CopyTo(_typeIds.AsSpan(Count));
        }

        other._specialMask.AsSpan(start, count).CopyTo(_specialMask.AsSpan(Count));
        other._attentionMask.AsSpan(start, count).CopyTo(_attentionMask.AsSpan(Count));
        Count += count;
    }

    private void Shift<T>(T[] array, int by) => Array.Copy(array, 0, array, by, Count);

    private void Grow(int needed, bool exact = false)
    {
        if (needed <= _ids.Length)
        {
            return;
        }

        var capacity = exact ? needed : Math.Max(needed, Math.Max(8, _ids.Length * 2));
        Array.Resize(ref _ids, capacity);
        Array.Resize(ref _tokens, capacity);
        Array.Resize(ref _offsets, capacity);
        Array.Resize(ref _wordIds, capacity);
        Array.Resize(ref _sequenceIds, capacity);
        Array.Resize(ref _typeIds, capacity);
        Array.Resize(ref _specialMask, capacity);
        Array.Resize(ref _attentionMask, capacity);
    }
}
