namespace HfPipelines.Tasks;

/// <summary>Options of text-generation (transformers <c>TextGenerationPipeline</c> and generation config).</summary>
public sealed class TextGenerationOptions
{
    /// <summary>Most new tokens. Default 256.</summary>
    public int MaxNewTokens { get; set; } = 256;

    /// <summary>Sample instead of greedy decoding. Default false.</summary>
    public bool DoSample { get; set; }

    /// <summary>Sampling temperature. Default 1.0.</summary>
    public float Temperature { get; set; } = 1.0f;

    /// <summary>Nucleus sampling mass. Default 1.0 (off).</summary>
    public float TopP { get; set; } = 1.0f;

    /// <summary>Top-k sampling. Default 50, as in transformers.</summary>
    public int TopK { get; set; } = 50;

    /// <summary>Repetition penalty. Default 1.0 (off).</summary>
    public float RepetitionPenalty { get; set; } = 1.0f;

    /// <summary>Random seed for sampling; null for a random one.</summary>
    public int? Seed { get; set; }

    /// <summary>Stop sequences; the text stops before the first one generated.</summary>
    public IList<string> Stop { get; set; } = [];

    /// <summary>Return the prompt followed by the continuation (Python's default for plain prompts). Default true.</summary>
    public bool ReturnFullText { get; set; } = true;
}
