namespace HfPipelines.Tasks;

/// <summary>Checks and normalises zero-shot options as transformers' <c>ZeroShotClassificationArgumentHandler</c>.</summary>
internal static class ZeroShotInputs
{
    /// <summary>The labels, stripped, without empties. A list is not split (as Python, where only a string is): text
    /// forms such as "a, b" are parsed by <see cref="TaskInputLists"/> before they get here.</summary>
    public static IReadOnlyList<string> Labels(ZeroShotClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var labels = (options.CandidateLabels ?? [])
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
