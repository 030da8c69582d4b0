namespace HfPipelines.Tasks;

/// <summary>Options of zero-shot-classification (transformers <c>ZeroShotClassificationPipeline</c>).</summary>
public sealed class ZeroShotClassificationOptions
{
    /// <summary>The labels to choose from (required, at least one).</summary>
    public IList<string> CandidateLabels { get; set; } = [];

    /// <summary>The default hypothesis of an NLI model, as in transformers: <c>This example is {}.</c></summary>
    public const string NliHypothesisTemplate = "This example is {}.";

    /// <summary>
    /// The default hypothesis of a sentence-embedding model: <c>About {}.</c>. Chosen on a labelled set of 72 short
    /// texts in five label sets (tests/HfPipelines.Cli.Tests/FirstHour/Data): 90.3% right with all-MiniLM-L6-v2,
    /// against 86.1% for <see cref="NliHypothesisTemplate"/> and 84.7% for the bare label (docs/zero-shot.md).
    /// </summary>
    public const string EmbeddingHypothesisTemplate = "About {}.";

    /// <summary>The hypothesis; <c>{}</c> is replaced by each label. Default null: <see cref="NliHypothesisTemplate"/>
    /// for an NLI model (and remote inference), <see cref="EmbeddingHypothesisTemplate"/> for a sentence-embedding model.</summary>
    public string? HypothesisTemplate { get; set; }

    /// <summary>When true each label is scored on its own (entailment against contradiction);
    /// when false the scores are a softmax across labels and sum to 1.</summary>
    public bool MultiLabel { get; set; }
}
