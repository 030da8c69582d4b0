using HfPipelines.Safetensors;

namespace HfPipelines.Pipelines;

/// <summary>
/// Says which local path a model takes (an ONNX export, an encoder-decoder export, a safetensors checkpoint whose
/// graph is built, GGUF for llama.cpp, an ONNX Runtime GenAI folder), for <c>hfp models info</c> and diagnostics.
/// </summary>
public static class LocalModelRoute
{
    /// <summary>Describes a model on disk in one line.</summary>
    /// <param name="path">The model folder or file.</param>
    /// <param name="builtModelDirectory">Where graphs built from safetensors are kept (to list those built so far), or null.</param>
    /// <returns>The description, e.g. <c>safetensors checkpoint (bert): ONNX graph built on first load ...</c>.</returns>
    public static string Describe(string path, string? builtModelDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (File.Exists(path))
        {
            return path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) ? "GGUF file: llama.cpp (text generation, chat)"
                : path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) ? "ONNX file: ONNX Runtime"
                : "a file that no local backend opens (give a .gguf or .onnx file, or a model folder)";
        }

        if (!Directory.Exists(path))
        {
            return $"'{path}' does not exist";
        }

        if (File.Exists(Path.Combine(path, "genai_config.json")))
        {
            return "ONNX Runtime GenAI folder (genai_config.json): text generation, chat";
        }

        if (LocalModelKinds.IsSeq2Seq(path))
        {
            return "ONNX encoder-decoder export (encoder_model.onnx + decoder): ONNX Runtime";
        }

        if (LocalModelKinds.HasOnnx(path))
        {
            return "ONNX export: ONNX Runtime";
        }

        if (BuiltEncoderModels.IsCheckpoint(path))
        {
            return Checkpoint(path, builtModelDirectory);
        }

        if (Directory.EnumerateFiles(path, "*.gguf").Any())
        {
            return "GGUF files: llama.cpp (text generation, chat)";
        }

        return Directory.EnumerateFiles(path, "*.safetensors").Any() || File.Exists(Path.Combine(path, "pytorch_model.bin"))
            ? $"PyTorch weights of model_type '{ModelType(path) ?? "unknown"}': no local path (the graph is built from safetensors for {string.Join(", ", EncoderGraphBuilder.SupportedModelTypes)}; else export to ONNX or GGUF, or use the Inference API)"
            : "no weights that a local backend runs (no .onnx, .gguf or safetensors checkpoint)";
    }

    /// <summary>Describes a Hub repository from its file list, before anything is downloaded.</summary>
    /// <param name="files">The repository's files, '/'-separated.</param>
    /// <returns>The description.</returns>
    public static string DescribeFiles(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Contains("genai_config.json"))
        {
            return "ONNX Runtime GenAI folder (genai_config.json): text generation, chat";
        }

        if (files.Any(f => f.EndsWith(".onnx", StringComparison.Ordinal)))
        {
            return files.Any(f => f.EndsWith("encoder_model.onnx", StringComparison.Ordinal)) ? "ONNX encoder-decoder export: ONNX Runtime" : "ONNX export: ONNX Runtime";
        }

        if (files.Any(f => f.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase)))
        {
            return "GGUF files: llama.cpp (text generation, chat)";
        }

        return files.Any(Hub.FileSelector.IsSafetensorsCheckpointFile)
            ? $"safetensors checkpoint, no ONNX export: when config.json's model_type is one of {string.Join(", ", EncoderGraphBuilder.SupportedModelTypes)}, the weights are fetched and the ONNX graph is built on first load"
            : "no weights that a local backend runs (no .onnx, .gguf or safetensors checkpoint)";
    }

    private static string Checkpoint(string path, string? builtModelDirectory)
    {
        var text = $"safetensors checkpoint ({ModelType(path)}, no ONNX export): its ONNX graph is built for each task head on first load";
        if (builtModelDirectory is null)
        {
            return text;
        }

        var kept = BuiltEncoderModels.Kept(path, builtModelDirectory);
        return text + $", kept in '{Path.GetFullPath(builtModelDirectory)}'"
            + (kept.Count == 0 ? "; none built yet" : $"; built: {string.Join(", ", kept.Select(k => BuiltEncoderModels.Describe(k.Head)))}");
    }

    private static string? ModelType(string folder) =>
        File.Exists(Path.Combine(folder, "config.json")) ? (string?)ModelJson.TryRead(Path.Combine(folder, "config.json"))?["model_type"] : null;
}
