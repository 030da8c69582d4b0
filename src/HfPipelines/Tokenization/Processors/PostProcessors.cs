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
internal sealed class TemplatePostProcessor(
    IReadOnlyList<TemplatePiece> single,
    IReadOnlyList<TemplatePiece> pair,
    IReadOnlyDictionary<string, (int[] Ids, string[] Tokens)> specialTokens) : IPostProcessor
{
    public int AddedTokens(bool isPair) =>
        (isPair ? pair : single).Where(p => !p.IsSequence).Sum(p => specialTokens[p.Id].Ids.Length);

    public EncodingParts Process(EncodingParts first, EncodingParts? second, bool addSpecialTokens)
    {
        var result = new EncodingParts(first.Count + (second?.Count ?? 0) + AddedTokens(second is not null));
        foreach (var piece in second is null ? single : pair)
        {
            if (piece.IsSequence)
            {
                result.Append(piece.Id == "A" ? first : second ?? first, piece.TypeId);
            }
            else if (addSpecialTokens)
            {
                var (ids, tokens) = specialTokens[piece.Id];
                for (var i = 0; i < ids.Length; i++)
                {
                    result.Add(ids[i], tokens[i], (0, 0), null, null, piece.TypeId, special: true);
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
    public int AddedTokens(bool isPair) => processors.Sum(p => p.AddedTokens(isPair));

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
