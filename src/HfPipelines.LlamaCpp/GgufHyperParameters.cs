using System.Globalization;

namespace HfPipelines.LlamaCpp;

/// <summary>
/// Checks, in managed code, the hyper-parameters of a GGUF header that llama.cpp asserts on (an assert aborts the whole
/// process, e.g. <c>GGML_ASSERT(hparams.n_layer_all &gt; 0 &amp;&amp; ... &lt;= LLAMA_MAX_LAYERS)</c>) or divides by (a
/// zero tensor dimension is a SIGFPE): layer, head, embedding, context and expert counts, norm epsilons, and the
/// vocabulary size against the tokens array and the embedding tensor. Values llama.cpp itself refuses with an error
/// are left to it. Thread-safe.
/// </summary>
internal static class GgufHyperParameters
{
    /// <summary>llama.cpp's <c>LLAMA_MAX_LAYERS</c>.</summary>
    public const int MaxLayers = 512;

    /// <summary>llama.cpp's <c>LLAMA_MAX_EXPERTS</c> (512 since Qwen3-Next).</summary>
    public const int MaxExperts = 512;

    private const double MaxCount = 1 << 24;
    private const double MaxContext = uint.MaxValue;

    /// <summary>Throws when a hyper-parameter is impossible.</summary>
    /// <param name="info">The header.</param>
    /// <param name="path">The file, for the message.</param>
    /// <exception cref="ModelLoadException">A hyper-parameter is out of range, or the vocabulary sizes disagree.</exception>
    public static void Check(GgufFileInfo info, string path)
    {
        CheckEpsilons(info, path);
        if (info.Architecture is { Length: > 0 } arch)
        {
            CheckCounts(info, path, arch + ".");
        }

        CheckVocabulary(info, path);
    }

    private static void CheckCounts(GgufFileInfo info, string path, string prefix)
    {
        Range(info, path, prefix + "block_count", 1, MaxLayers);
        Range(info, path, prefix + "embedding_length", 1, MaxCount);
        Range(info, path, prefix + "context_length", 1, MaxContext);
        Range(info, path, prefix + "feed_forward_length", 0, MaxCount);
        Range(info, path, prefix + "attention.head_count", 0, MaxCount);
        Range(info, path, prefix + "attention.head_count_kv", 0, MaxCount);
        Range(info, path, prefix + "rope.dimension_count", 0, MaxCount);
        Range(info, path, prefix + "expert_count", 0, MaxExperts);
        var experts = Scalar(info, prefix + "expert_count") ?? 0;
        var used = Scalar(info, prefix + "expert_used_count") ?? 0;
        if (used > experts || (experts > 0) != (used > 0))
        {
            throw Corrupt(path, $"{prefix}expert_used_count is {Format(used)} with {prefix}expert_count {Format(experts)}; it must be at least 1 and at most the expert count when there are experts, else 0");
        }
    }

    private static void CheckEpsilons(GgufFileInfo info, string path)
    {
        foreach (var (key, values) in info.Numbers)
        {
            if (!key.EndsWith("epsilon", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var value in values)
            {
                if (!double.IsFinite(value) || value < 0)
                {
                    throw Corrupt(path, $"{GgufHeaderReader.Printable(key)} is {Format(value)}; a norm epsilon is a finite number of at least 0");
                }
            }
        }
    }

    private static void CheckVocabulary(GgufFileInfo info, string path)
    {
        if (!info.ArrayLengths.TryGetValue("tokenizer.ggml.tokens", out var tokens))
        {
            return;
        }

        if (tokens == 0)
        {
            throw Corrupt(path, "tokenizer.ggml.tokens is empty; a model needs a vocabulary");
        }

        foreach (var key in new[] { "tokenizer.ggml.scores", "tokenizer.ggml.token_type" })
        {
            if (info.ArrayLengths.TryGetValue(key, out var count) && count != tokens)
            {
                throw Corrupt(path, $"{key} has {count} items for {tokens} tokens in tokenizer.ggml.tokens; they must match");
            }
        }

        if (info.TensorShapes.TryGetValue("token_embd.weight", out var shape) && shape.Length == 2 && shape[1] != tokens)
        {
            throw Corrupt(path, $"tensor token_embd.weight has {shape[1]} rows for {tokens} tokens in tokenizer.ggml.tokens; they must match");
        }
    }

    private static void Range(GgufFileInfo info, string path, string key, double min, double max)
    {
        if (!info.Numbers.TryGetValue(key, out var values))
        {
            return;
        }

        foreach (var value in values)
        {
            if (!(value >= min && value <= max) || value != Math.Floor(value))
            {
                throw Corrupt(path, $"{key} is {Format(value)}; llama.cpp accepts a whole number from {Format(min)} to {Format(max)}");
            }
        }
    }

    private static double? Scalar(GgufFileInfo info, string key) =>
        info.Numbers.TryGetValue(key, out var values) && values.Length > 0 ? values[0] : null;

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static ModelLoadException Corrupt(string path, string problem) =>
        new($"'{path}' is not a loadable GGUF model: {problem}. The file is corrupt or was edited; download or convert it again.");
}
