namespace HfPipelines.Tasks;

/// <summary>Options of translation. Null values take the model's generation config.</summary>
public sealed class TranslationOptions
{
    /// <summary>Source language code (mBART, NLLB, M2M100 codes, or ISO codes for T5 and LLMs).</summary>
    public string? SourceLanguage { get; set; }

    /// <summary>Target language code.</summary>
    public string? TargetLanguage { get; set; }

    /// <summary>Longest translation, in tokens.</summary>
    public int? MaxLength { get; set; }

    /// <summary>Most new tokens; overrides <see cref="MaxLength"/>.</summary>
    public int? MaxNewTokens { get; set; }

    /// <summary>Beam width; 1 is greedy.</summary>
    public int? NumBeams { get; set; }
}
