using HfPipelines.Tasks;

namespace HfPipelines.Cli.Serve.Tasks;

/// <summary>zero-shot-classification: <c>candidate_labels</c>, <c>multi_label</c>, <c>hypothesis_template</c> -> <c>[{label, score}]</c> best first.</summary>
internal sealed class ServeZeroShotClassification() : ServeTask<string, ZeroShotClassificationOptions, ZeroShotClassificationResult>(PipelineTasks.ZeroShotClassification)
{
    protected override ZeroShotClassificationOptions Options(ServeInput input)
    {
        var parameters = input.Parameters;
        var labels = parameters.Strings("candidate_labels", splitCommas: true);
        if (labels is not { Count: > 0 })
        {
            throw ServeRequestException.BadRequest("parameters.candidate_labels is required: a list of labels (or one comma-separated string).");
        }

        var options = new ZeroShotClassificationOptions { CandidateLabels = labels, MultiLabel = parameters.Bool("multi_label") ?? false };
        if (parameters.String("hypothesis_template") is { } template)
        {
            options.HypothesisTemplate = template;
        }

        return options;
    }

    protected override (IReadOnlyList<string> Items, bool Batch) Inputs(ServeInput input) => Texts(input);

    protected override object? Shape(ZeroShotClassificationResult result, ZeroShotClassificationOptions options) =>
        result.Labels.Zip(result.Scores, (label, score) => new ClassificationLabel(label, score)).OrderByDescending(l => l.Score).ToList();
}
