namespace HfPipelines.LlamaCpp;

/// <summary>What the header of a GGUF file says, read in managed code before llama.cpp sees the file.</summary>
/// <param name="Version">The GGUF version (2 or 3).</param>
/// <param name="TensorCount">Tensors in the file.</param>
/// <param name="Strings">The string-valued metadata (e.g. <c>general.name</c>, <c>tokenizer.chat_template</c>).</param>
public sealed record GgufFileInfo(uint Version, ulong TensorCount, IReadOnlyDictionary<string, string> Strings)
{
    /// <summary>The numeric metadata (integers, floats and booleans as 0/1), by key; a numeric array of at most
    /// <see cref="GgufHeaderReader.MaxKeptArrayItems"/> items (e.g. a per-layer head count) keeps every item.</summary>
    public IReadOnlyDictionary<string, double[]> Numbers { get; init; } = new Dictionary<string, double[]>();

    /// <summary>The number of items of every array-valued metadata entry (e.g. <c>tokenizer.ggml.tokens</c>), by key.</summary>
    public IReadOnlyDictionary<string, ulong> ArrayLengths { get; init; } = new Dictionary<string, ulong>();

    /// <summary>The shape of every tensor (innermost dimension first, as GGUF stores it), by name.</summary>
    public IReadOnlyDictionary<string, ulong[]> TensorShapes { get; init; } = new Dictionary<string, ulong[]>();

    /// <summary>The model's chat template (<c>tokenizer.chat_template</c>), or null when it has none.</summary>
    public string? ChatTemplate => Strings.GetValueOrDefault("tokenizer.chat_template");

    /// <summary>The model's name (<c>general.name</c>), or null.</summary>
    public string? Name => Strings.GetValueOrDefault("general.name");

    /// <summary>The architecture (<c>general.architecture</c>, e.g. <c>llama</c>), or null.</summary>
    public string? Architecture => Strings.GetValueOrDefault("general.architecture");
}
