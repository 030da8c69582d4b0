namespace HfPipelines.OnnxGenAI;

/// <summary>How an ONNX Runtime GenAI model folder is loaded and run. Validated on assignment.</summary>
public sealed class OnnxGenAIModelOptions
{
    private int? _contextSize;
    private int _threads = Environment.ProcessorCount;

    /// <summary>Most tokens (prompt plus answer). Default null: the folder's <c>context_length</c>.</summary>
    public int? ContextSize
    {
        get => _contextSize;
        set => _contextSize = value is null or (>= 16 and <= 1 << 20)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ContextSize), value, "ContextSize must be null or between 16 and 1,048,576.");
    }

    /// <summary>CPU threads of the decoder session (<c>intra_op_num_threads</c>). Default
    /// <see cref="Environment.ProcessorCount"/>; 1 to 1024.</summary>
    public int Threads
    {
        get => _threads;
        set => _threads = value is >= 1 and <= 1024
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Threads), value, "Threads must be between 1 and 1024.");
    }

    /// <summary>Keep a chat client's generator between calls and append only the prompt tokens after the longest common
    /// prefix with what it holds. Default true; false starts every request from an empty generator.</summary>
    public bool CachePrompt { get; set; } = true;

    /// <summary>A chat template (Jinja) to use instead of the folder's <c>tokenizer_config.json</c>
    /// <c>chat_template</c>; needed for chat with a model that has none. <see cref="HfPipelines.ChatTemplates.KnownChatTemplates.Resolve"/> turns a file or a shipped name (<c>chatml</c>, <c>llama3</c>, <c>phi3</c>) into this text. Default null.</summary>
    public string? ChatTemplate { get; set; }
}
