using HfPipelines.Onnx;
using HfPipelines.Tokenization;

namespace HfPipelines.Tasks;

/// <summary>
/// zero-shot-classification on an NLI model, as transformers' <c>ZeroShotClassificationPipeline</c>: one
/// (text, hypothesis) pair per label; softmax of the entailment logits across labels, or, with <c>multi_label</c>
/// (or a single label), a softmax of [contradiction, entailment] per label. Labels best first. Thread-safe.
/// </summary>
public sealed class ZeroShotClassificationPipeline : EncoderPipeline<string, ZeroShotClassificationOptions, ZeroShotClassificationResult>
{
    private readonly int _entailmentId;

    internal ZeroShotClassificationPipeline(EncoderContext context)
        : base(PipelineTasks.ZeroShotClassification, context, [new OutputRequirement("logits", 2)])
    {
        _entailmentId = EntailmentId(context.Config)
            ?? throw new ModelLoadException("zero-shot-classification: config.json's label2id has no label starting with 'entail', so the entailment class is unknown. Use an NLI model (e.g. one fine-tuned on MNLI) or add an 'entailment' label to label2id.");
    }

    internal static bool IsNliModel(EncoderModelConfig config) => EntailmentId(config) is not null;

    /// <inheritdoc />
    protected override IReadOnlyList<TokenEncoding> Preprocess(string input, ZeroShotClassificationOptions options)
    {
        var labels = ZeroShotInputs.Labels(options);
        return labels.Select(label => Encode(input, ZeroShotInputs.Hypothesis(options.HypothesisTemplate, ZeroShotClassificationOptions.NliHypothesisTemplate, label), TruncationStrategy.OnlyFirst)).ToArray();
    }

    /// <inheritdoc />
    protected override ZeroShotClassificationResult Postprocess(string input, IReadOnlyList<EncoderOutput> outputs, ZeroShotClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var labels = ZeroShotInputs.Labels(options);
        float[] scores;
        if (options.MultiLabel || labels.Count == 1)
        {
            var contradictionId = _entailmentId == 0 ? outputs[0].First.Data.Length - 1 : 0;
            scores = outputs.Select(o => EncoderMath.Softmax([o.First.Data[contradictionId], o.First.Data[_entailmentId]])[1]).ToArray();
        }
        else
        {
            scores = EncoderMath.Softmax(outputs.Select(o => o.First.Data[_entailmentId]).ToArray());
        }

        var order = Enumerable.Range(0, labels.Count).OrderByDescending(i => scores[i]).ToArray();
        return new ZeroShotClassificationResult(input, order.Select(i => labels[i]).ToArray(), order.Select(i => scores[i]).ToArray());
    }

    private static int? EntailmentId(EncoderModelConfig config)
    {
        foreach (var (label, id) in config.Label2Id ?? new Dictionary<string, int>())
        {
            if (label.StartsWith("entail", StringComparison.OrdinalIgnoreCase))
            {
                return id;
            }
        }

        return null;
    }
}
