namespace HfPipelines.Tokenization.Processors;

/// <summary>Truncation, overflow windows, special tokens and padding, with Hugging Face's semantics.</summary>
internal static class EncodingAssembler
{
    /// <summary>Truncates (with overflow windows), then adds the special tokens to every window combination.</summary>
    public static (EncodingParts Main, IReadOnlyList<EncodingParts> Overflowing) Assemble(
        EncodingParts first, EncodingParts? second, EncodeOptions options, IPostProcessor postProcessor)
    {
        if (options.MaxLength is null && options.Stride is null)
        {
            return (postProcessor.Process(first, second, options.AddSpecialTokens), []);
        }

        List<EncodingParts> windowsA = [first];
        List<EncodingParts>? windowsB = second is null ? null : [second];
        if (options.MaxLength is int maxLength)
        {
            var added = options.AddSpecialTokens ? postProcessor.AddedTokens(second is not null) : 0;
            var room = maxLength - added;
            if (room < 0)
            {
                throw new InvalidPipelineInputException(
                    $"MaxLength {maxLength} leaves no room for the {added} special tokens this tokenizer adds: use a MaxLength of at least {added}.");
            }

            var (n1, n2) = Targets(first.Count, second?.Count, room, options.Truncation);
            var stride = options.Stride ?? 0;
            windowsA = first.Windows(n1, stride, fromLeft: false);
            windowsB = second?.Windows(n2, stride, fromLeft: false);
        }

        var main = postProcessor.Process(windowsA[0], windowsB?[0], options.AddSpecialTokens);
        var overflowing = new List<EncodingParts>();
        if (options.Stride is null)
        {
            return (main, overflowing);
        }

        for (var i = 1; i < windowsA.Count; i++)
        {
            overflowing.Add(postProcessor.Process(windowsA[i], windowsB?[0], options.AddSpecialTokens));
            for (var j = 1; windowsB is not null && j < windowsB.Count; j++)
            {
                overflowing.Add(postProcessor.Process(windowsA[i], windowsB[j], options.AddSpecialTokens));
            }
        }

        for (var j = 1; windowsB is not null && j < windowsB.Count; j++)
        {
            overflowing.Add(postProcessor.Process(windowsA[0], windowsB[j], options.AddSpecialTokens));
        }

        return (main, overflowing);
    }

    /// <summary>How many tokens each sequence keeps (Hugging Face's <c>truncate_encodings</c>).</summary>
    private static (int First, int Second) Targets(int n1, int? n2OrNull, int maxLength, TruncationStrategy strategy)
    {
        var n2 = n2OrNull ?? 0;
        var total = n1 + n2;
        if (total <= maxLength)
        {
            return (n1, n2);
        }

        var toRemove = total - maxLength;
        switch (strategy)
        {
            case TruncationStrategy.LongestFirst when n2OrNull is null:
                return (maxLength, 0);
            case TruncationStrategy.LongestFirst:
                return LongestFirst(n1, n2, maxLength);
            case TruncationStrategy.OnlyFirst when n1 > toRemove:
                return (n1 - toRemove, n2);
            case TruncationStrategy.OnlySecond when n2OrNull is null:
                throw new InvalidPipelineInputException("Truncation 'OnlySecond' needs a text pair: pass a pair or use LongestFirst.");
            case TruncationStrategy.OnlySecond when n2 > toRemove:
                return (n1, n2 - toRemove);
            default:
                throw new InvalidPipelineInputException(
                    $"Truncation '{strategy}' cannot fit {total} tokens into {maxLength}: the sequence it may cut is too short. Use LongestFirst or a larger MaxLength.");
        }
    }

    private static (int, int) LongestFirst(int n1, int n2, int maxLength)
    {
        var swap = n1 > n2;
        if (swap)
        {
            (n1, n2) = (n2, n1);
        }

        n2 = n1 > maxLength ? n1 : Math.Max(n1, maxLength - n1);
        if (n1 + n2 > maxLength)
        {
            n1 = maxLength / 2;
            n2 = n1 + (maxLength % 2);
        }

        return swap ? (n2, n1) : (n1, n2);
    }

    /// <summary>Pads to <paramref name="length"/> on the given side.</summary>
    public static void Pad(EncodingParts parts, int length, PaddingSide side, int padId, string padToken)
    {
        var count = length - parts.Count;
        if (count > 0)
        {
            parts.Pad(count, side == PaddingSide.Left, padId, padToken);
        }
    }
}
