namespace HfPipelines.Tokenization.Processors;

/// <summary>A mutable encoding under construction: one sequence, or sequences with their special tokens.</summary>
internal sealed class EncodingParts(int capacity = 0)
{
    public List<int> Ids { get; } = new(capacity);

    public List<string> Tokens { get; } = new(capacity);

    public List<(int Start, int End)> Offsets { get; } = new(capacity);

    public List<int?> WordIds { get; } = new(capacity);

    public List<int?> SequenceIds { get; } = new(capacity);

    public List<int> TypeIds { get; } = new(capacity);

    public List<int> SpecialMask { get; } = new(capacity);

    public List<int> AttentionMask { get; } = new(capacity);

    public int Count => Ids.Count;

    public void Add(int id, string token, (int Start, int End) offsets, int? wordId, int? sequenceId, int typeId, bool special)
    {
        Ids.Add(id);
        Tokens.Add(token);
        Offsets.Add(offsets);
        WordIds.Add(wordId);
        SequenceIds.Add(sequenceId);
        TypeIds.Add(typeId);
        SpecialMask.Add(special ? 1 : 0);
        AttentionMask.Add(1);
    }

    /// <summary>Appends all of <paramref name="other"/>, with a new type id.</summary>
    public void Append(EncodingParts other, int? typeId = null)
    {
        for (var i = 0; i < other.Count; i++)
        {
            Ids.Add(other.Ids[i]);
            Tokens.Add(other.Tokens[i]);
            Offsets.Add(other.Offsets[i]);
            WordIds.Add(other.WordIds[i]);
            SequenceIds.Add(other.SequenceIds[i]);
            TypeIds.Add(typeId ?? other.TypeIds[i]);
            SpecialMask.Add(other.SpecialMask[i]);
            AttentionMask.Add(other.AttentionMask[i]);
        }
    }

    public EncodingParts Slice(int start, int end)
    {
        var result = new EncodingParts(end - start);
        for (var i = start; i < end; i++)
        {
            result.Add(Ids[i], Tokens[i], Offsets[i], WordIds[i], SequenceIds[i], TypeIds[i], SpecialMask[i] == 1);
        }

        return result;
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

    public TokenEncoding ToEncoding(IReadOnlyList<TokenEncoding> overflowing) => new()
    {
        Ids = [.. Ids],
        Tokens = [.. Tokens],
        AttentionMask = [.. AttentionMask],
        TypeIds = [.. TypeIds],
        Offsets = [.. Offsets],
        WordIds = [.. WordIds],
        SequenceIds = [.. SequenceIds],
        SpecialTokensMask = [.. SpecialMask],
        Overflowing = overflowing,
    };
}
