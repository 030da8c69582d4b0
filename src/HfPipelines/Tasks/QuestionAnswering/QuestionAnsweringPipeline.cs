using HfPipelines.Onnx;
using HfPipelines.Tokenization;

namespace HfPipelines.Tasks;

/// <summary>
/// question-answering on an ONNX extractive-QA model, as transformers' <c>QuestionAnsweringPipeline</c>: the
/// question and context are encoded as a pair (context truncated, long contexts split into windows overlapping by
/// <c>doc_stride</c>), start/end logits of non-context tokens masked, softmaxed per window, spans up to
/// <c>max_answer_len</c> scored by start x end probability, mapped to characters (whole words with
/// <c>align_to_words</c>), best <c>top_k</c> across windows, optionally with the empty "impossible" answer. Thread-safe.
/// </summary>
public sealed class QuestionAnsweringPipeline : EncoderPipeline<QuestionAnsweringInput, QuestionAnsweringOptions, IReadOnlyList<QuestionAnsweringResult>>
{
    private readonly int? _clsId;

    internal QuestionAnsweringPipeline(EncoderContext context)
        : base(PipelineTasks.QuestionAnswering, context, [new OutputRequirement("start_logits", 2), new OutputRequirement("end_logits", 2)])
    {
        _clsId = context.Tokenizer.SpecialTokens.TryGetValue("cls_token", out var cls) ? cls.Id : null;
    }

    /// <inheritdoc />
    protected override void Validate(QuestionAnsweringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TopK < 1 || options.MaxAnswerLength < 1 || options.MaxSeqLength < 8 || options.DocStride < 0)
        {
            throw new InvalidPipelineInputException($"question-answering: TopK ({options.TopK}) and MaxAnswerLength ({options.MaxAnswerLength}) must be at least 1, MaxSeqLength ({options.MaxSeqLength}) at least 8, DocStride ({options.DocStride}) at least 0.");
        }

        if (options.DocStride > SeqLength(options))
        {
            throw new InvalidPipelineInputException($"question-answering: DocStride ({options.DocStride}) is larger than MaxSeqLength ({SeqLength(options)}). Lower DocStride.");
        }
    }

    /// <inheritdoc />
    protected override IReadOnlyList<TokenEncoding> Preprocess(QuestionAnsweringInput input, QuestionAnsweringOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(input.Question) || string.IsNullOrWhiteSpace(input.Context))
        {
            throw new InvalidPipelineInputException("question-answering: the question and the context must both be non-empty.");
        }

        var seqLength = SeqLength(options);
        var questionLength = Tokenizer.Encode(input.Question, null, new EncodeOptions { AddSpecialTokens = false }).Length;
        var stride = Math.Min(options.DocStride, seqLength / 2);
        if (questionLength + 3 + stride + 1 > seqLength)
        {
            throw new InvalidPipelineInputException($"question-answering: the question is {questionLength} tokens, too long to leave room for the context in MaxSeqLength {seqLength} with DocStride {stride}. Shorten the question or raise MaxSeqLength.");
        }

        var first = Tokenizer.Encode(input.Question, input.Context, new EncodeOptions { MaxLength = seqLength, Truncation = TruncationStrategy.OnlySecond, Stride = stride });
        return [first, .. first.Overflowing];
    }

    /// <inheritdoc />
    protected override IReadOnlyList<QuestionAnsweringResult> Postprocess(QuestionAnsweringInput input, IReadOnlyList<EncoderOutput> outputs, QuestionAnsweringOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(options);
        var minNullScore = 1_000_000f;
        var answers = new List<QuestionAnsweringResult>();
        foreach (var output in outputs)
        {
            var encoding = output.Encoding;
            var desired = Enumerable.Range(0, encoding.Length).Select(i => encoding.SequenceIds[i] == 1 || encoding.Ids[i] == _clsId).ToArray();
            var start = MaskedSoftmax(output.Outputs[0].Data, desired);
            var end = MaskedSoftmax(output.Outputs[1].Data, desired);
            if (options.HandleImpossibleAnswer)
            {
                minNullScore = Math.Min(minNullScore, start[0] * end[0]);
            }

            start[0] = end[0] = 0f;
            foreach (var (s, e, score) in QuestionAnsweringSpans.Decode(start, end, options.TopK, options.MaxAnswerLength, desired))
            {
                var (charStart, charEnd) = QuestionAnsweringSpans.ToChars(encoding, s, e, options.AlignToWords);
                answers.Add(new QuestionAnsweringResult(score, charStart, charEnd, input.Context[charStart..charEnd]));
            }
        }

        if (options.HandleImpossibleAnswer)
        {
            answers.Add(new QuestionAnsweringResult(minNullScore, 0, 0, string.Empty));
        }

        return answers.OrderByDescending(a => a.Score).Take(options.TopK).ToArray();
    }

    private int SeqLength(QuestionAnsweringOptions options) => Math.Min(options.MaxSeqLength, MaxLength ?? int.MaxValue);

    private static float[] MaskedSoftmax(float[] logits, bool[] desired)
    {
        var masked = new float[logits.Length];
        for (var i = 0; i < logits.Length; i++)
        {
            masked[i] = desired[i] ? logits[i] : -10000f;
        }

        return EncoderMath.Softmax(masked);
    }
}
