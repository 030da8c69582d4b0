namespace HfPipelines.Tasks;

/// <summary>Settings of <see cref="ExtractiveSummarizationPipeline"/>.</summary>
public sealed class ExtractiveSummarizationOptions
{
    /// <summary>Sentences in the summary when no length budget is given. Default 3 (at least 1).</summary>
    public int MaxSentences { get; set; } = 3;

    /// <summary>LexRank damping factor, in (0, 1]. Default 0.85.</summary>
    public double Damping { get; set; } = 0.85;

    /// <summary>Similarities below this are dropped from the graph, in [0, 1). Default 0.1.</summary>
    public double SimilarityThreshold { get; set; } = 0.1;

    internal void Validate()
    {
        if (MaxSentences < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSentences), MaxSentences, "MaxSentences must be at least 1.");
        }

        if (Damping is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Damping), Damping, "Damping must be in (0, 1].");
        }

        if (SimilarityThreshold is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SimilarityThreshold), SimilarityThreshold, "SimilarityThreshold must be in [0, 1).");
        }
    }
}
