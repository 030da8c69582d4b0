using HfPipelines.Onnx;

namespace HfPipelines.Seq2Seq.Onnx;

/// <summary>The past key/value inputs of an export's decoder, found from the graph: names and fixed dimensions.</summary>
internal sealed class DecoderLayout
{
    public DecoderLayout(OnnxSession firstStep, OnnxSession laterSteps)
    {
        PastInputs = laterSteps.InputMetadata
            .Where(i => i.Key.StartsWith("past_key_values.", StringComparison.Ordinal))
            .ToDictionary(i => i.Key, i => i.Value.Dimensions);
        HasUseCacheBranch = firstStep.InputMetadata.ContainsKey("use_cache_branch");
        foreach (var (name, meta) in laterSteps.InputMetadata.Where(i => i.Key.StartsWith("past_key_values.", StringComparison.Ordinal)))
        {
            if (meta.ElementType != typeof(float))
            {
                throw new ModelLoadException($"The decoder input '{name}' is {meta.ElementType.Name}; only float32 exports are supported. Use the fp32 files of the model (dtype fp32).");
            }
        }
    }

    /// <summary>past_key_values.* inputs and their dimensions ([batch, heads, past, head_dim], -1 for symbolic).</summary>
    public IReadOnlyDictionary<string, int[]> PastInputs { get; }

    public bool HasUseCacheBranch { get; }

    /// <summary>The past input a present output feeds at the next step.</summary>
    public static string PastNameOf(string presentName) => "past_key_values." + presentName["present.".Length..];

    public static bool IsEncoderPast(string name) => name.Contains(".encoder.", StringComparison.Ordinal);
}
