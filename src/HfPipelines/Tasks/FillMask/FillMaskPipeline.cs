using HfPipelines.Onnx;
using HfPipelines.Tokenization;

namespace HfPipelines.Tasks;

/// <summary>
/// fill-mask on an ONNX masked-LM model, as transformers' <c>FillMaskPipeline</c>: softmax over the vocabulary at
/// each mask token, the <c>top_k</c> best (among <c>targets</c> when given) with the filled sequence; one list of
/// predictions per mask, in order. Thread-safe.
/// </summary>
public sealed class FillMaskPipeline : EncoderPipeline<string, FillMaskOptions, IReadOnlyList<IReadOnlyList<FillMaskPrediction>>>
{
    private readonly (string Token, int Id) _mask;
    private readonly int? _padId;

    internal FillMaskPipeline(EncoderContext context)
        : base(PipelineTasks.FillMask, context, [new OutputRequirement("logits", 3)])
    {
        _mask = context.Tokenizer.SpecialTokens.TryGetValue("mask_token", out var mask)
            ? mask
            : throw new ModelLoadException("fill-mask: the tokenizer has no mask_token. Use a masked-language model (BERT, RoBERTa, DistilBERT ...) whose tokenizer config names its mask token.");
        _padId = context.Tokenizer.SpecialTokens.TryGetValue("pad_token", out var pad) ? pad.Id : null;
    }

    /// <summary>The mask token to put in the input (e.g. <c>[MASK]</c> or <c>&lt;mask&gt;</c>).</summary>
    public string MaskToken => _mask.Token;

    /// <inheritdoc />
    protected override void Validate(FillMaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TopK < 1)
        {
            throw new InvalidPipelineInputException($"fill-mask: TopK ({options.TopK}) must be at least 1.");
        }
    }

    /// <inheritdoc />
    protected override IReadOnlyList<TokenEncoding> Preprocess(string input, FillMaskOptions options)
    {
        var encoding = Encode(input);
        if (!encoding.Ids.Contains(_mask.Id))
        {
            throw new InvalidPipelineInputException($"fill-mask: no mask token ({_mask.Token}) found in the input. Put {_mask.Token} where the word to predict goes.");
        }

        _ = TargetIds(options);
        return [encoding];
    }

    /// <inheritdoc />
    protected override IReadOnlyList<IReadOnlyList<FillMaskPrediction>> Postprocess(string input, IReadOnlyList<EncoderOutput> outputs, FillMaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var output = outputs[0];
        var ids = output.Encoding.Ids;
        var targets = TargetIds(options);
        var topK = targets is null ? options.TopK : Math.Min(options.TopK, targets.Length);
        var maskPositions = Enumerable.Range(0, ids.Length).Where(i => ids[i] == _mask.Id).ToArray();
        var singleMask = maskPositions.Length == 1;
        var results = new List<IReadOnlyList<FillMaskPrediction>>(maskPositions.Length);
        foreach (var position in maskPositions)
        {
            var probabilities = EncoderMath.Softmax(output.First.Row(position));
            var candidates = targets ?? Enumerable.Range(0, probabilities.Length).ToArray();
            var best = candidates.OrderByDescending(id => probabilities[id]).Take(topK);
            results.Add(best.Select(id => Predict(ids, position, id, probabilities[id], singleMask)).ToArray());
        }

        return results;
    }

    private FillMaskPrediction Predict(int[] ids, int position, int id, float score, bool singleMask)
    {
        var tokens = (int[])ids.Clone();
        tokens[position] = id;
        var sequence = Tokenizer.Decode(tokens.Where(t => t != _padId), skipSpecialTokens: singleMask);
        return new FillMaskPrediction(score, id, Tokenizer.Decode([id], skipSpecialTokens: false), sequence);
    }

    /// <summary>The target ids (Python's <c>get_target_ids</c>): a target not in the vocabulary counts as its first token.</summary>
    private int[]? TargetIds(FillMaskOptions options)
    {
        if (options.Targets is null)
        {
            return null;
        }

        var ids = new List<int>();
        foreach (var target in options.Targets)
        {
            var id = Tokenizer.TokenToId(target);
            if (id is null)
            {
                var encoded = Tokenizer.Encode(target, null, new EncodeOptions { AddSpecialTokens = false }).Ids;
                id = encoded.Length > 0 ? encoded[0] : null;
            }

            if (id is int found && !ids.Contains(found))
            {
                ids.Add(found);
            }
        }

        return ids.Count > 0 ? ids.ToArray() : throw new InvalidPipelineInputException("fill-mask: none of the targets is a token of the vocabulary. Give at least one target word.");
    }
}
