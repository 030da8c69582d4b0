using System.Text;
using System.Text.RegularExpressions;

namespace HfPipelines.Hub;

/// <summary>
/// Picks the files of a repository a task needs: configs and tokenizer files, plus one ONNX variant
/// (chosen by dtype the way transformers.js names them) or one GGUF quantization; weights of other
/// frameworks and code files (<c>.py</c>, notebooks, scripts, native libraries: transformers fetches a repo's code only
/// with <c>trust_remote_code</c>, transformers.js never) are left out. <see cref="ModelResolveOptions.AllowPatterns"/>
/// replaces the choice: code files come only when a pattern asks for them.
/// </summary>
internal static class FileSelector
{
    /// <summary>transformers.js's dtype to file-name suffix mapping.</summary>
    public static readonly IReadOnlyDictionary<string, string> DtypeSuffixes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["fp32"] = string.Empty,
        ["fp16"] = "_fp16",
        ["int8"] = "_int8",
        ["uint8"] = "_uint8",
        ["q8"] = "_quantized",
        ["q4"] = "_q4",
        ["q4f16"] = "_q4f16",
        ["bnb4"] = "_bnb4",
    };

    // Longest first, so "_q4f16" is not taken for "_q4".
    private static readonly string[] s_suffixes = ["_quantized", "_q4f16", "_uint8", "_fp16", "_int8", "_bnb4", "_q4"];

    private static readonly string[] s_otherWeights =
        [".safetensors", ".bin", ".h5", ".msgpack", ".ot", ".pt", ".pth", ".ckpt", ".tflite", ".mlmodel", ".pb", ".onnx_data"];

    /// <summary>Extensions of code files, never fetched unless an allow pattern names them.</summary>
    private static readonly string[] s_code =
        [".py", ".pyc", ".pyo", ".pyd", ".ipynb", ".sh", ".bat", ".cmd", ".ps1", ".so", ".dll", ".dylib", ".exe"];

    /// <summary>True for a code file (Python, notebook, script, native library).</summary>
    public static bool IsCode(string path) => s_code.Any(ext => path.EndsWith(ext, StringComparison.OrdinalIgnoreCase));

    public static IReadOnlyList<string> Select(IReadOnlyList<string> files, ModelResolveOptions options)
    {
        var candidates = options.AllowPatterns is { Count: > 0 } patterns
            ? files.Where(f => patterns.Any(p => Glob.IsMatch(f, p))).ToList()
            : files.Where(IsNeeded).ToList();
        var explicitList = options.AllowPatterns is { Count: > 0 };
        if (!explicitList || options.Dtype is not null)
        {
            candidates = SelectOnnx(candidates, options.Dtype);
        }

        if (!explicitList || options.Quantization is not null)
        {
            candidates = SelectGguf(candidates, options.Quantization);
        }

        if (!explicitList && !candidates.Any(f => IsOnnxFile(f) || f.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase)))
        {
            candidates.AddRange(files.Where(f => IsSafetensorsCheckpointFile(f) && !candidates.Contains(f)));
        }

        return candidates;
    }

    /// <summary>
    /// A root-level safetensors checkpoint file (<c>model.safetensors</c>, <c>model.safetensors.index.json</c> or a
    /// <c>model-00001-of-00002.safetensors</c> shard): fetched for a repository with no ONNX or GGUF weights, whose
    /// encoder graph is then built locally (the downloader drops them again when config.json names an architecture the
    /// builder does not know).
    /// </summary>
    public static bool IsSafetensorsCheckpointFile(string path) =>
        path is "model.safetensors" or "model.safetensors.index.json"
        || Regex.IsMatch(path, @"^model-[0-9]+-of-[0-9]+\.safetensors$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The dtype of an ONNX file name (<c>model_q4f16.onnx</c> -> q4f16), or null for a file that is not ONNX.</summary>
    public static string? DtypeOf(string path)
    {
        var name = Path.GetFileName(path);
        var dot = name.IndexOf(".onnx", StringComparison.Ordinal);
        if (dot < 0)
        {
            return null;
        }

        var stem = name[..dot];
        var suffix = s_suffixes.FirstOrDefault(s => stem.EndsWith(s, StringComparison.Ordinal)) ?? string.Empty;
        return DtypeSuffixes.First(p => p.Value == suffix).Key;
    }

    private static bool IsNeeded(string path) =>
        !IsCode(path) && (!s_otherWeights.Any(ext => path.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
        && !path.Contains(".onnx_data", StringComparison.Ordinal)
        && !path.StartsWith("openvino/", StringComparison.Ordinal)
        && !path.Contains(".mlpackage/", StringComparison.Ordinal)
        || IsOnnxFile(path));

    private static bool IsOnnxFile(string path) =>
        path.EndsWith(".onnx", StringComparison.Ordinal) || path.Contains(".onnx_data", StringComparison.Ordinal);

    private static List<string> SelectOnnx(List<string> files, string? dtype)
    {
        var onnx = files.Where(IsOnnxFile).ToList();
        if (onnx.Count == 0)
        {
            if (dtype is not null && files.Count > 0 && !files.Any(f => f.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase)))
            {
                throw new ModelNotFoundException($"The dtype '{dtype}' was asked for, but the repository has no ONNX files.");
            }

            return files;
        }

        var available = onnx.Select(DtypeOf).OfType<string>().Distinct().ToList();
        var chosen = dtype ?? (available.Contains("fp32") ? "fp32" : available.Contains("q8") ? "q8" : available[0]);
        if (!DtypeSuffixes.ContainsKey(chosen))
        {
            throw new ArgumentException($"Unknown dtype '{dtype}'. Valid dtypes: {string.Join(", ", DtypeSuffixes.Keys)}.", nameof(dtype));
        }

        if (!available.Contains(chosen, StringComparer.OrdinalIgnoreCase))
        {
            throw new ModelNotFoundException(
                $"The repository has no ONNX files for dtype '{chosen}'. Available dtypes: {string.Join(", ", available)}.");
        }

        return files.Where(f => !IsOnnxFile(f) || string.Equals(DtypeOf(f), chosen, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private static List<string> SelectGguf(List<string> files, string? quantization)
    {
        var gguf = files.Where(f => f.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase)).ToList();
        if (gguf.Count == 0 || (quantization is null && gguf.Count == 1))
        {
            return quantization is null || gguf.Count > 0 ? files
                : throw new ModelNotFoundException($"The quantization '{quantization}' was asked for, but the repository has no GGUF files.");
        }

        var wanted = quantization ?? "Q4_K_M";
        var matches = gguf.Where(f => HasQuantization(f, wanted)).ToList();
        if (matches.Count == 0)
        {
            var names = string.Join(", ", gguf.Select(Path.GetFileName));
            throw new ModelNotFoundException(
                $"No GGUF file of the repository matches the quantization '{wanted}'. Files: {names}. Pass one with --quantization, or name the file: org/name:file.gguf.");
        }

        return files.Where(f => !f.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) || matches.Contains(f)).ToList();
    }

    private static bool HasQuantization(string path, string quantization)
    {
        var pattern = "(^|[-./])" + Regex.Escape(quantization) + "([-./]|$)";
        return Regex.IsMatch(path, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>fnmatch-style globs as Python's <c>fnmatch</c>: <c>*</c> and <c>?</c> also match <c>/</c>.</summary>
    internal static class Glob
    {
        public static bool IsMatch(string path, string pattern)
        {
            if (pattern.EndsWith('/'))
            {
                pattern += "*";
            }

            var regex = new StringBuilder("^");
            foreach (var c in pattern)
            {
                regex.Append(c switch
                {
                    '*' => ".*",
                    '?' => ".",
                    _ => Regex.Escape(c.ToString()),
                });
            }

            return Regex.IsMatch(path, regex.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
    }
}
