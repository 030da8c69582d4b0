namespace HfPipelines.Hub;

/// <summary>Which files of a repository to fetch, and at which revision. Every value is optional.</summary>
public sealed class ModelResolveOptions
{
    /// <summary>
    /// Glob patterns (fnmatch, as huggingface_hub's <c>allow_patterns</c>: <c>*</c> also matches <c>/</c>;
    /// a pattern ending in <c>/</c> means the whole folder). When set, only matching files are fetched.
    /// Default: every file the model needs (configs, tokenizer files, the chosen ONNX or GGUF weights), and never
    /// code files (<c>*.py</c>, notebooks, scripts, native libraries): name them here (<c>*.py</c>) to fetch them.
    /// </summary>
    public IReadOnlyList<string>? AllowPatterns { get; set; }

    /// <summary>
    /// The ONNX variant, named like transformers.js: <c>fp32</c> (<c>model.onnx</c>), <c>fp16</c>, <c>int8</c>,
    /// <c>uint8</c>, <c>q8</c> (<c>model_quantized.onnx</c>), <c>q4</c>, <c>q4f16</c>, <c>bnb4</c>.
    /// Default: fp32 when the repository has it, else q8.
    /// </summary>
    public string? Dtype { get; set; }

    /// <summary>The GGUF quantization to pick by name, case-insensitive (<c>Q4_K_M</c>, <c>Q8_0</c>...). Default: Q4_K_M, or the only GGUF file.</summary>
    public string? Quantization { get; set; }

    /// <summary>The branch, tag or commit; overrides an <c>@revision</c> in the reference. Default <c>main</c>.</summary>
    public string? Revision { get; set; }
}
