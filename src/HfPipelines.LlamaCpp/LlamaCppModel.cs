using LLama;
using LLama.Common;
using LLama.Exceptions;

namespace HfPipelines.LlamaCpp;

/// <summary>
/// A GGUF model loaded once through llama.cpp (LLamaSharp) and shared by any number of
/// <see cref="LlamaCppChatClient"/>s (each holds its own context). The file is checked in managed code
/// first, so a bad file fails with <see cref="ModelLoadException"/> instead of crashing the process.
/// Thread-safe; dispose it after every client that borrows it.
/// </summary>
public sealed class LlamaCppModel : IDisposable
{
    private readonly LLamaWeights _weights;
    private int _disposed;

    private LlamaCppModel(string path, GgufFileInfo info, LLamaWeights weights, LlamaCppModelOptions options)
    {
        Path = path;
        Info = info;
        _weights = weights;
        Options = options;
        var vocab = weights.Vocab;
        BosToken = vocab.BOS is { } bos ? vocab.LLamaTokenToString(bos, true) : null;
        EosToken = vocab.EOS is { } eos ? vocab.LLamaTokenToString(eos, true) : null;
        TokenPieces = new LlamaTokenPieces(weights.NativeHandle);
    }

    /// <summary>The model file.</summary>
    public string Path { get; }

    /// <summary>The GGUF header.</summary>
    public GgufFileInfo Info { get; }

    /// <summary>The options it was loaded with.</summary>
    public LlamaCppModelOptions Options { get; }

    /// <summary>The chat template: the option's override, else the model's own, else null.</summary>
    public string? ChatTemplate => Options.ChatTemplate ?? Info.ChatTemplate;

    /// <summary>The begin-of-sequence token text, or null.</summary>
    public string? BosToken { get; }

    /// <summary>The end-of-sequence token text, or null.</summary>
    public string? EosToken { get; }

    /// <summary>A short model id (the GGUF <c>general.name</c>, else the file name).</summary>
    public string ModelId => Info.Name ?? System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>Every token's text as the grammar sees it (read once at load, for grammar-constrained sampling).</summary>
    internal LlamaTokenPieces TokenPieces { get; }

    internal LLamaWeights Weights
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return _weights;
        }
    }

    /// <summary>Loads a GGUF file.</summary>
    /// <param name="path">A local .gguf file.</param>
    /// <param name="options">Loading options; null for the defaults.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ModelLoadException">The file is missing, not GGUF, GGUF v1, corrupt, or refused by llama.cpp.</exception>
    public static LlamaCppModel Load(string path, LlamaCppModelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new LlamaCppModelOptions();
        var info = GgufHeaderReader.Read(path);
        NativeLog.EnsureInstalled();
        try
        {
            var weights = LLamaWeights.LoadFromFile(CreateParams(path, options));
            return new LlamaCppModel(path, info, weights, options);
        }
        catch (LoadWeightsFailedException ex)
        {
            throw new ModelLoadException($"llama.cpp could not load '{path}' (GGUF v{info.Version}): the architecture may be unsupported by this llama.cpp build or the tensors are corrupt. Re-convert or download the file again.", ex);
        }
    }

    internal static ModelParams CreateParams(string path, LlamaCppModelOptions options) => new(path)
    {
        ContextSize = (uint)options.ContextSize,
        Threads = options.Threads,
        BatchThreads = options.Threads,
        BatchSize = (uint)options.BatchSize,
        UBatchSize = (uint)options.BatchSize,
        GpuLayerCount = 0,
    };

    /// <summary>True when the native model handle is released.</summary>
    internal bool IsNativeHandleClosed => _weights.NativeHandle.IsClosed;

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _weights.Dispose();
        }
    }
}
