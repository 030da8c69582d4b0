namespace HfPipelines.Safetensors;

// PLACEHOLDER for the contract only: the builder lands from its own branch (wip/graph) and replaces this file.

/// <summary>Builds ONNX graphs of encoder checkpoints saved as safetensors.</summary>
public static class EncoderGraphBuilder
{
    /// <summary>The model types this builder supports.</summary>
    public static IReadOnlyCollection<string> SupportedModelTypes { get; } = ["bert", "roberta", "xlm-roberta", "distilbert"];

    /// <summary>Changes whenever the output for the same checkpoint would change.</summary>
    public static string Version => "0";

    /// <summary>True when the folder is a supported safetensors checkpoint.</summary>
    /// <param name="folder">The folder.</param>
    /// <returns>True for a checkpoint.</returns>
    public static bool IsCheckpoint(string folder) =>
        File.Exists(Path.Combine(folder, "config.json")) && File.Exists(Path.Combine(folder, "model.safetensors"))
        && SupportedModelTypes.Contains((string?)HfPipelines.Pipelines.ModelJson.ReadConfig(folder)["model_type"] ?? string.Empty);

    /// <summary>Builds the ONNX model.</summary>
    /// <param name="checkpointFolder">The checkpoint.</param>
    /// <param name="head">The head.</param>
    /// <param name="outputPath">The output.</param>
    /// <param name="cancellationToken">Cancels.</param>
    public static void Build(string checkpointFolder, EncoderHead head, string outputPath, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("placeholder");
}
