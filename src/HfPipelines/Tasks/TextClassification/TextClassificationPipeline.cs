using HfPipelines.Onnx;
using HfPipelines.Tokenization;

namespace HfPipelines.Tasks;

/// <summary>
/// text-classification (sentiment-analysis) on an ONNX sequence-classification model, as transformers'
/// <c>TextClassificationPipeline</c>: logits through sigmoid or softmax (chosen from <c>problem_type</c> and the
/// number of labels), labels from <c>id2label</c> (<c>LABEL_i</c> when absent), best first. Thread-safe.
/// </summary>
public sealed class TextClassificationPipeline : EncoderPipeline<string, TextClassificationOptions, IReadOnlyList<ClassificationLabel>>
{
    internal TextClassificationPipeline(EncoderContext context)
        : base(PipelineTasks.TextClassification, context, [new OutputRequirement("logits", 2)])
    {
        LabelCheck.EnsureLabelCount(context, "logits");
    }

    /// <inheritdoc />
    protected override IReadOnlyList<TokenEncoding> Preprocess(string input, TextClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [Encode(input, options.TextPair)];
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ClassificationLabel> Postprocess(string input, IReadOnlyList<EncoderOutput> outputs, TextClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(options);
        var logits = outputs[0].First.Data;
        LabelCheck.EnsureLabelCount(Config, logits.Length, Task);
        var scores = Apply(ChooseFunction(options.FunctionToApply, logits.Length), logits);
        var labels = scores.Select((score, i) => new ClassificationLabel(Config.LabelOf(i), score))
            .OrderByDescending(l => l.Score)
            .ToList();
        var topK = options.TopK switch
        {
            null => 1,
            <= 0 => labels.Count,
            int k => Math.Min(k, labels.Count),
        };
        return labels.Take(topK).ToArray();
    }

    private ClassificationFunction ChooseFunction(ClassificationFunction requested, int labelCount)
    {
        if (requested != ClassificationFunction.Default)
        {
            return requested;
        }

        if (Config.ProblemType == "multi_label_classification" || labelCount == 1)
        {
            return ClassificationFunction.Sigmoid;
        }

        return Config.ProblemType == "single_label_classification" || labelCount > 1 ? ClassificationFunction.Softmax : ClassificationFunction.None;
    }

    private static float[] Apply(ClassificationFunction function, float[] logits) => function switch
    {
        ClassificationFunction.Sigmoid => EncoderMath.Sigmoid(logits),
        ClassificationFunction.Softmax => EncoderMath.Softmax(logits),
        _ => (float[])logits.Clone(),
    };
}
