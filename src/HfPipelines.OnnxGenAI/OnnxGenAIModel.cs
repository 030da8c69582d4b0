using System.Globalization;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace HfPipelines.OnnxGenAI;

/// <summary>
/// An ONNX Runtime GenAI model folder loaded once (config, model, tokenizer) and shared by any number of
/// <see cref="OnnxGenAIChatClient"/>s. The folder is checked in managed code first, so a bad folder fails
/// with <see cref="ModelLoadException"/>. Thread-safe; dispose it after every client that borrows it.
/// </summary>
public sealed class OnnxGenAIModel : IDisposable
{
    private readonly Config _config;
    private readonly Model _model;
    private readonly Tokenizer _tokenizer;
    private int _disposed;
    private bool _appendsOneByOne;

    private OnnxGenAIModel(string folder, GenAIFolderInfo info, OnnxGenAIModelOptions options, Config config, Model model, Tokenizer tokenizer)
    {
        Folder = folder;
        Info = info;
        Options = options;
        _config = config;
        _model = model;
        _tokenizer = tokenizer;
    }

    /// <summary>The model folder.</summary>
    public string Folder { get; }

    /// <summary>What the folder's configuration says.</summary>
    public GenAIFolderInfo Info { get; }

    /// <summary>The options it was loaded with.</summary>
    public OnnxGenAIModelOptions Options { get; }

    /// <summary>The chat template: the option's override, else the folder's own, else null.</summary>
    public string? ChatTemplate => Options.ChatTemplate ?? Info.ChatTemplate;

    /// <summary>Most tokens of prompt plus answer.</summary>
    public int ContextSize => Options.ContextSize ?? Info.ContextLength;

    /// <summary>A short model id (the folder name).</summary>
    public string ModelId => new DirectoryInfo(Folder).Name;

    /// <summary>True after <see cref="Dispose"/> released the native objects.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>True once a generator of this model refused several new tokens after a past (some exports' attention
    /// mask subgraphs assume one): kept generators then take new prompt tokens one at a time.</summary>
    internal bool AppendsOneByOne
    {
        get => Volatile.Read(ref _appendsOneByOne);
        set => Volatile.Write(ref _appendsOneByOne, value);
    }

    internal Model Model
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            return _model;
        }
    }

    internal Tokenizer Tokenizer
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            return _tokenizer;
        }
    }

    /// <summary>Loads a GenAI model folder on the CPU.</summary>
    /// <param name="folder">The folder with <c>genai_config.json</c>.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ModelLoadException">The folder is missing, malformed, unsupported, or refused by GenAI.</exception>
    public static OnnxGenAIModel Load(string folder, OnnxGenAIModelOptions? options = null)
    {
        options ??= new OnnxGenAIModelOptions();
        var info = GenAIFolderReader.Read(folder);
        Config? config = null;
        Model? model = null;
        try
        {
            config = new Config(folder);
            config.ClearProviders();
            config.Overlay(string.Create(CultureInfo.InvariantCulture, $"{{\"model\":{{\"decoder\":{{\"session_options\":{{\"intra_op_num_threads\":{options.Threads}}}}}}}}}"));
            model = new Model(config);
            var tokenizer = new Tokenizer(model);
            return new OnnxGenAIModel(folder, info, options, config, model, tokenizer);
        }
        catch (OnnxRuntimeGenAIException ex)
        {
            model?.Dispose();
            config?.Dispose();
            throw new ModelLoadException($"ONNX Runtime GenAI could not load '{folder}' ({info.ModelType}): {ex.Message}", ex);
        }
    }

    /// <summary>Greedy generation on raw token ids (a batch of equal-length rows), up to <paramref name="maxLength"/>
    /// tokens per row including the prompt. Used to check a folder against known answers.</summary>
    /// <param name="batch">The rows of token ids.</param>
    /// <param name="maxLength">Total length per row.</param>
    /// <returns>Each row's full sequence.</returns>
    internal IReadOnlyList<int[]> GenerateGreedy(IReadOnlyList<int[]> batch, int maxLength)
    {
        using var parameters = new GeneratorParams(Model);
        parameters.SetSearchOption("max_length", maxLength);
        parameters.SetSearchOption("batch_size", batch.Count);
        parameters.SetSearchOption("do_sample", false);
        using var generator = new Generator(Model, parameters);
        generator.AppendTokens(batch.SelectMany(row => row).ToArray());
        while (!generator.IsDone())
        {
            generator.GenerateNextToken();
        }

        return Enumerable.Range(0, batch.Count).Select(i => generator.GetSequence((ulong)i).ToArray()).ToList();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _tokenizer.Dispose();
            _model.Dispose();
            _config.Dispose();
        }
    }
}
