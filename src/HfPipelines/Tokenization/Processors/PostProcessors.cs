namespace HfPipelines.Tokenization.Processors;

/// <summary>A Hugging Face post-processor: adds the special tokens around one or two sequences.</summary>
internal interface IPostProcessor
{
    /// <summary>How many tokens <see cref="Process"/> adds.</summary>
    int AddedTokens(bool isPair);

    EncodingParts Process(EncodingParts first, EncodingParts? second, bool addSpecialTokens);
}

/// <summary>No special tokens: the sequences, the pair with type id 1.</summary>
internal sealed class DefaultPostProcessor : IPostProcessor
{
    public int AddedTokens(bool isPair) => 0;

    public EncodingParts Process(EncodingParts first, EncodingParts? second, bool addSpecialTokens) => Concat(first, second);

    public static EncodingParts Concat(EncodingParts first, EncodingParts? second)
    {
        var result = new EncodingParts(first.Count + (second?.Count ?? 0));
        result.Append(first, 0);
        if (second is not null)
        {
            result.Append(second, 1);
        }

        return result;
    }
}

/// <summary>One item of a template: a special token, or a sequence (A or B), with its type id.</summary>
internal readonly record struct TemplatePiece(bool IsSequence, string Id, int TypeId);

/// <summary><c>TemplateProcessing</c> (also used for <c>BertProcessing</c> and <c>RobertaProcessing</c>).</summary>
internal sealed class TemplatePostProcessor : IPostProcessor
{
    private readonly Step[] _single;
    private readonly Step[] _pair;
    private readonly int _singleAdded;
    private readonly int _pairAdded;

    public TemplatePostProcessor(
        IReadOnlyList<TemplatePiece> single,
        IReadOnlyList<TemplatePiece> pair,
        IReadOnlyDictionary<string, (int[] Ids, string[] Tokens)> specialTokens)
    {
        // The template resolved once: each special token's ids and strings looked up here, not per call.
        _single = Resolve(single, specialTokens, out _singleAdded);
        _pair = Resolve(pair, specialTokens, out _pairAdded);
    }

    public int AddedTokens(bool isPair) => isPair ? _pairAdded : _singleAdded;

    public EncodingParts Process(EncodingParts first, EncodingParts? second, bool addSpecialTokens)
    {
        var result = new EncodingParts(first.Count + (second?.Count ?? 0) + (addSpecialTokens ? AddedTokens(second is not null) : 0));
        foreach (var step in second is null ? _single : _pair)
        {
            if (step.Sequence is { } sequence)
            {
                result.Append(sequence == "A" ? first : second ?? first, step.TypeId);
            }
            else if (addSpecialTokens)
            {
                var ids = step.Ids!;
                var tokens = step.Tokens!;
                for (var i = 0; i < ids.Length; i++)
                {
                    result.Add(ids[i], tokens[i], (0, 0), null, null, step.TypeId, special: true);
                }
            }
        }

        return result;
    }

    /// <summary>BERT's <c>[CLS] A [SEP]</c> / <c>[CLS] A [SEP] B [SEP]</c>.</summary>
    public static TemplatePostProcessor Bert((string Token, int Id) cls, (string Token, int Id) sep) => new(
        [new(false, cls.Token, 0), new(true, "A", 0), new(false, sep.Token, 0)],
        [new(false, cls.Token, 0), new(true, "A", 0), new(false, sep.Token, 0), new(true, "B", 1), new(false, sep.Token, 1)],
        Specials(cls, sep));

    /// <summary>RoBERTa's <c>&lt;s&gt; A &lt;/s&gt;</c> / <c>&lt;s&gt; A &lt;/s&gt;&lt;/s&gt; B &lt;/s&gt;</c>.</summary>
    public static TemplatePostProcessor Roberta((string Token, int Id) cls, (string Token, int Id) sep) => new(
        [new(false, cls.Token, 0), new(true, "A", 0), new(false, sep.Token, 0)],
        [new(false, cls.Token, 0), new(true, "A", 0), new(false, sep.Token, 0), new(false, sep.Token, 0), new(true, "B", 0), new(false, sep.Token, 0)],
        Specials(cls, sep));

    private static Dictionary<string, (int[] Ids, string[] Tokens)> Specials((string Token, int Id) cls, (string Token, int Id) sep) =>
        new() { [cls.Token] = ([cls.Id], [cls.Token]), [sep.Token] = ([sep.Id], [sep.Token]) };

    private static Step[] Resolve(IReadOnlyList<TemplatePiece> pieces, IReadOnlyDictionary<string, (int[] Ids, string[] Tokens)> specialTokens, out int added)
    {
        var steps = new Step[pieces.Count];
        added = 0;
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            if (piece.IsSequence)
            {
                steps[i] = new Step(piece.Id, null, null, piece.TypeId);
                continue;
            }

            if (!specialTokens.TryGetValue(piece.Id, out var special))
            {
                throw new KeyNotFoundException($"The template names the special token '{piece.Id}', which its special tokens do not define.");
            }

            steps[i] = new Step(null, special.Ids, special.Tokens, piece.TypeId);
            added += special.Ids.Length;
        }

        return steps;
    }

    /// <summary>One resolved template item: a sequence ("A" or "B") or a special token's ids and strings.</summary>
    private sealed record Step(string? Sequence, int[]? Ids, string[]? Tokens, int TypeId);
}

/// <summary>Byte-level offset trimming (leading/trailing spaces of a token leave its offsets), then another processor.</summary>
internal sealed class TrimOffsetsPostProcessor(IPostProcessor inner, bool addPrefixSpace) : IPostProcessor
{
    private const char SpaceChar = '\u0120';

    public int AddedTokens(bool isPair) => inner.AddedTokens(isPair);

    public EncodingParts Process(EncodingParts first, EncodingParts? second, bool addSpecialTokens)
    {
        Trim(first);
        if (second is not null)
        {
            Trim(second);
        }

        return inner.Process(first, second, addSpecialTokens);
    }

    private void Trim(EncodingParts parts)
    {
        for (var i = 0; i < parts.Count; i++)
        {
            var token = parts.Tokens[i];
            var leading = 0;
            while (leading < token.Length && (token[leading] == SpaceChar || char.IsWhiteSpace(token[leading])))
            {
                leading++;
            }

            var trailing = 0;
            while (trailing < token.Length - leading && (token[^(trailing + 1)] == SpaceChar || char.IsWhiteSpace(token[^(trailing + 1)])))
            {
                trailing++;
            }

            var (start, end) = parts.Offsets[i];
            if (leading > 0 && !(addPrefixSpace && (i == 0 || start == 0)))
            {
                start = Math.Min(start + leading, end);
            }

            if (trailing > 0 && end >= trailing)
            {
                end = Math.Max(end - trailing, start);
            }

            parts.Offsets[i] = (start, end);
        }
    }
}

/// <summary>Applies processors in order (<c>Sequence</c>).</summary>
internal sealed class SequencePostProcessor(IReadOnlyList<IPostProcessor> processors) : IPostProcessor
{
    public int AddedTokens(bool isPair)
    {
        var added = 0;
        foreach (var processor in processors)
        {
            added += processor.AddedTokens(isPair);
        }

        return added;
    }

    public EncodingParts Process(EncodingParts first, EncodingParts? second, bool addSpecialTokens)
    {
        // Only the last processor combines the sequences; the others only rewrite them (offset trimming).
        for (var i = 0; i < processors.Count - 1; i++)
        {
            first = processors[i].Process(first, null, addSpecialTokens);
            second = second is null ? null : processors[i].Process(second, null, addSpecialTokens);
        }

        return processors.Count == 0 ? DefaultPostProcessor.Concat(first, second) : processors[^1].Process(first, second, addSpecialTokens);
    }
}
