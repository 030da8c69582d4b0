namespace HfPipelines.LlamaCpp;

/// <summary>How a GGUF model is loaded and run. Validated on assignment.</summary>
public sealed class LlamaCppModelOptions
{
    private int _contextSize = 2048;
    private int _threads = Environment.ProcessorCount;
    private int _batchSize = 512;

    /// <summary>Context size in tokens (prompt plus answer). Default 2048; 16 to 1,048,576.</summary>
    public int ContextSize
    {
        get => _contextSize;
        set => _contextSize = Checked(value, 16, 1 << 20, nameof(ContextSize));
    }

    /// <summary>CPU threads for generation and prompt processing. Default <see cref="Environment.ProcessorCount"/>
    /// (llama.cpp through LLamaSharp would otherwise use 1); 1 to 1024.</summary>
    public int Threads
    {
        get => _threads;
        set => _threads = Checked(value, 1, 1024, nameof(Threads));
    }

    /// <summary>Most prompt tokens decoded in one batch. Default 512; 1 to 65,536.</summary>
    public int BatchSize
    {
        get => _batchSize;
        set => _batchSize = Checked(value, 1, 1 << 16, nameof(BatchSize));
    }

    /// <summary>Keep the tokens a client's context already holds and decode only the prompt tokens after the longest
    /// common prefix (what llama.cpp's server calls <c>cache_prompt</c>). Default true; false decodes every prompt
    /// from an empty context.</summary>
    public bool CachePrompt { get; set; } = true;

    /// <summary>A chat template (Jinja) to use instead of the model's own <c>tokenizer.chat_template</c>;
    /// needed for chat with a model that has none. Default null (the model's).</summary>
    public string? ChatTemplate { get; set; }

    private static int Checked(int value, int min, int max, string name) =>
        value < min || value > max
            ? throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.")
            : value;
}
