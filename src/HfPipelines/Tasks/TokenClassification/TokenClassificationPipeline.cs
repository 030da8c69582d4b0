using System.Text;
using HfPipelines.Onnx;
using HfPipelines.Tokenization;

namespace HfPipelines.Tasks;

/// <summary>
/// token-classification (ner) on an ONNX token-classification model, as transformers'
/// <c>TokenClassificationPipeline</c>: softmax per token, special tokens skipped, aggregation none / simple /
/// first / average / max, <c>ignore_labels</c> filtered, long texts split into overlapping windows with
/// <see cref="TokenClassificationOptions.Stride"/> and the overlapping entities merged. Offsets are character
/// offsets into the input. Thread-safe.
/// </summary>
public sealed class TokenClassificationPipeline : EncoderPipeline<string, TokenClassificationOptions, IReadOnlyList<TokenEntity>>
{
    private readonly string? _subwordPrefix;
    private readonly int? _unkId;

    internal TokenClassificationPipeline(EncoderContext context)
        : base(PipelineTasks.TokenClassification, context, [new OutputRequirement("logits", 3)])
    {
        LabelCheck.EnsureLabelCount(context, "logits");
        _subwordPrefix = context.Tokenizer.TokenToId("##s") is not null || context.Tokenizer.TokenToId("##a") is not null ? "##" : null;
        _unkId = context.Tokenizer.SpecialTokens.TryGetValue("unk_token", out var unk) ? unk.Id : null;
    }

    /// <inheritdoc />
    protected override void Validate(TokenClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Stride is int stride)
        {
            if (options.EffectiveAggregationStrategy == AggregationStrategy.None)
            {
                throw new InvalidPipelineInputException("token-classification: Stride was given to process the whole text but AggregationStrategy is None, which cannot merge windows. Use Simple, First, Average or Max.");
            }

            if (stride < 0 || (MaxLength is int max && stride >= max - 2))
            {
                throw new InvalidPipelineInputException($"token-classification: Stride {stride} must be at least 0 and less than the model's limit ({MaxLength}) minus the special tokens.");
            }
        }
    }

    /// <inheritdoc />
    protected override IReadOnlyList<TokenEncoding> Preprocess(string input, TokenClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Stride is not int stride || MaxLength is null)
        {
            return [Encode(input)];
        }

        if (string.IsNullOrWhiteSpace(input))
        {
            throw new InvalidPipelineInputException("token-classification: the input text is empty. Give a non-empty text.");
        }

        var first = Tokenizer.Encode(input, null, new EncodeOptions { MaxLength = MaxLength, Stride = stride });
        return [first, .. first.Overflowing];
    }

    /// <inheritdoc />
    protected override IReadOnlyList<TokenEntity> Postprocess(string input, IReadOnlyList<EncoderOutput> outputs, TokenClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(options);
        var ignore = options.IgnoreLabels ?? [];
        var all = new List<TokenEntity>();
        foreach (var output in outputs)
        {
            var tokens = GatherTokens(input, output);
            var groups = Aggregate(tokens, options.EffectiveAggregationStrategy);
            all.AddRange(groups.Where(g => !ignore.Contains(g.Entity)).Select(g => ToEntity(g, options.EffectiveAggregationStrategy)));
        }

        return outputs.Count > 1 ? EntityGrouping.MergeOverlapping(all) : all;
    }

    private List<TokenGroup> GatherTokens(string sentence, EncoderOutput output)
    {
        var logits = output.First;
        LabelCheck.EnsureLabelCount(Config, logits.Shape[^1], Task);
        var encoding = output.Encoding;
        var tokens = new List<TokenGroup>();
        for (var i = 0; i < encoding.Length; i++)
        {
            if (encoding.SpecialTokensMask[i] != 0)
            {
                continue;
            }

            var scores = EncoderMath.Softmax(logits.Row(i));
            var word = Tokenizer.IdToToken(encoding.Ids[i]) ?? encoding.Tokens[i];
            var (start, end) = encoding.Offsets[i];
            var wordRef = sentence[start..end];
            var isSubword = _subwordPrefix is not null
                ? word.Length != wordRef.Length
                : start > 0 && !sentence.AsSpan(start - 1, Math.Min(2, sentence.Length - start + 1)).Contains(' ');
            if (encoding.Ids[i] == _unkId)
            {
                word = wordRef;
                isSubword = false;
            }

            var best = EncoderMath.ArgMax(scores);
            tokens.Add(new TokenGroup
            {
                Entity = Config.LabelOf(best),
                Score = scores[best],
                Scores = scores,
                Index = i,
                TokenIds = [encoding.Ids[i]],
                Words = [word],
                Start = start,
                End = end,
                IsSubword = isSubword,
            });
        }

        return tokens;
    }

    private List<TokenGroup> Aggregate(List<TokenGroup> tokens, AggregationStrategy strategy)
    {
        if (strategy == AggregationStrategy.None)
        {
            return tokens;
        }

        var entities = strategy == AggregationStrategy.Simple ? tokens : EntityGrouping.AggregateWords(tokens, strategy, Config.LabelOf, Join);
        return EntityGrouping.GroupEntities(entities, Join);
    }

    private static TokenEntity ToEntity(TokenGroup group, AggregationStrategy strategy) => strategy == AggregationStrategy.None
        ? new TokenEntity { Entity = group.Entity, Score = group.Score, Index = group.Index, Word = group.Words[0], Start = group.Start, End = group.End }
        : new TokenEntity { EntityGroup = group.Entity, Score = group.Score, Word = group.Words[0], Start = group.Start, End = group.End };

    /// <summary>Python's <c>convert_tokens_to_string</c>: the WordPiece decoder for <c>##</c> vocabularies, else the
    /// tokenizer's own decoder.</summary>
    private string Join(List<TokenGroup> parts)
    {
        if (_subwordPrefix is null)
        {
            return Tokenizer.Decode(parts.SelectMany(p => p.TokenIds), skipSpecialTokens: false);
        }

        var text = new StringBuilder();
        var words = parts.SelectMany(p => p.Words).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            // As the WordPiece decoder: the first token is kept whole, so a group that starts inside a word keeps its
            // continuation marker ("##rk"), as Python's convert_tokens_to_string returns it.
            var token = i == 0 ? words[i]
                : words[i].StartsWith(_subwordPrefix, StringComparison.Ordinal) ? words[i][_subwordPrefix.Length..]
                : " " + words[i];
            text.Append(Cleanup(token));
        }

        return text.ToString();
    }

    private static string Cleanup(string token) => token
        .Replace(" .", ".", StringComparison.Ordinal).Replace(" ?", "?", StringComparison.Ordinal)
        .Replace(" !", "!", StringComparison.Ordinal).Replace(" ,", ",", StringComparison.Ordinal)
        .Replace(" ' ", "'", StringComparison.Ordinal).Replace(" n't", "n't", StringComparison.Ordinal)
        .Replace(" 'm", "'m", StringComparison.Ordinal).Replace(" do not", " don't", StringComparison.Ordinal)
        .Replace(" 's", "'s", StringComparison.Ordinal).Replace(" 've", "'ve", StringComparison.Ordinal)
        .Replace(" 're", "'re", StringComparison.Ordinal);
}
