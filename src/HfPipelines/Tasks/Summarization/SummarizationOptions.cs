namespace HfPipelines.Tasks;

/// <summary>Options of summarization. Null values take the model's generation config.</summary>
public sealed class SummarizationOptions
{
    /// <summary>Shortest summary, in tokens.</summary>
    public int? MinLength { get; set; }

    /// <summary>Longest summary, in tokens (including the decoder start token, as in transformers).</summary>
    public int? MaxLength { get; set; }

    /// <summary>Most new tokens; overrides <see cref="MaxLength"/>.</summary>
    public int? MaxNewTokens { get; set; }

    /// <summary>Beam width; 1 is greedy.</summary>
    public int? NumBeams { get; set; }

    /// <summary>Summarize long documents chunk by chunk, then summarize the summaries, instead of truncating.</summary>
    public bool SummarizeLongDocumentsByChunks { get; set; }
}
