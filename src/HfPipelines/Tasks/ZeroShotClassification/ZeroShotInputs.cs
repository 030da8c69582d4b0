namespace HfPipelines.Tasks;

/// <summary>Checks and normalises zero-shot options as transformers' <c>ZeroShotClassificationArgumentHandler</c>.</summary>
internal static class ZeroShotInputs
{
    /// <summary>The labels, stripped, without empties; a single comma-separated label is split as Python splits a string.</summary>
    public static IReadOnlyList<string> Labels(ZeroShotClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var raw = options.CandidateLabels ?? [];
        var labels = (raw.Count == 1 ? raw[0].Split(',') : raw)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0)
            .ToArray();
        if (labels.Length == 0)
        {
            throw new InvalidPipelineInputException("zero-shot-classification: no candidate labels. Give at least one label (CandidateLabels, or --candidate-labels a,b).");
        }

        var template = options.HypothesisTemplate;
        if (template is not null && !template.Contains("{}", StringComparison.Ordinal))
        {
            throw new InvalidPipelineInputException($"zero-shot-classification: the hypothesis template '{template}' has no '{{}}' for the label. Use a template such as 'This example is {{}}.'.");
        }

        return labels;
    }

    /// <summary>The hypothesis for a label: the options' template, or the model kind's default when it is null.</summary>
    public static string Hypothesis(string? template, string defaultTemplate, string label) =>
        (template ?? defaultTemplate).Replace("{}", label, StringComparison.Ordinal);
}
