namespace HfPipelines.LlamaCpp;

/// <summary>How a GGUF model is loaded and run. Validated on assignment.</summary>
public sealed class LlamaCppModelOptions
{
    private int _contextSize = 2048;
    private int _threads = DefaultThreads;
    private int _batchSize = 512;

    /// <summary>Context size in tokens (prompt plus answer). Default 2048; 16 to 1,048,576.</summary>
    public int ContextSize
    {
        get => _contextSize;
        set => _contextSize = Checked(value, 16, 1 << 20, nameof(ContextSize));
    }

    /// <summary>CPU threads for generation and prompt processing; 1 to 1024. Default <see cref="DefaultThreads"/>:
    /// every core but one, at least 1 (LLamaSharp alone would use 1).</summary>
    public int Threads
    {
        get => _threads;
        set => _threads = Checked(value, 1, 1024, nameof(Threads));
    }

    /// <summary>The default of <see cref="Threads"/>: <see cref="Environment.ProcessorCount"/> less one, at least 1. With a
    /// thread on every core, llama.cpp's OpenMP threads wait for each other whenever another process takes a core:
    /// on 2 busy cores, 2 threads ran 16 to 30 times slower than 1 (docs/performance.md, issue 22).</summary>
    public static int DefaultThreads => Math.Max(1, Environment.ProcessorCount - 1);

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
    /// needed for chat with a model that has none. <see cref="HfPipelines.ChatTemplates.KnownChatTemplates.Resolve"/> turns a file or a shipped name (<c>chatml</c>, <c>llama3</c>, <c>phi3</c>) into this text. Default null (the model's).</summary>
    public string? ChatTemplate { get; set; }

    private static int Checked(int value, int min, int max, string name) =>
        value < min || value > max
            ? throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.")
            : value;
}
