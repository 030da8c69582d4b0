namespace HfPipelines.LlamaCpp;

/// <summary>What the header of a GGUF file says, read in managed code before llama.cpp sees the file.</summary>
/// <param name="Version">The GGUF version (2 or 3).</param>
/// <param name="TensorCount">Tensors in the file.</param>
/// <param name="Strings">The string-valued metadata (e.g. <c>general.name</c>, <c>tokenizer.chat_template</c>).</param>
public sealed record GgufFileInfo(uint Version, ulong TensorCount, IReadOnlyDictionary<string, string> Strings)
{
    /// <summary>The model's chat template (<c>tokenizer.chat_template</c>), or null when it has none.</summary>
    public string? ChatTemplate => Strings.GetValueOrDefault("tokenizer.chat_template");

    /// <summary>The model's name (<c>general.name</c>), or null.</summary>
    public string? Name => Strings.GetValueOrDefault("general.name");
}
