namespace HfPipelines.Onnx;

/// <summary>Finds the ONNX file of a Hugging Face ONNX export folder.</summary>
internal static class EncoderModelFolder
{
    private static readonly string[] s_candidates = ["onnx/model.onnx", "model.onnx", "onnx/model_quantized.onnx", "model_quantized.onnx"];

    public static string FindOnnxFile(string folder, string? modelFile)
    {
        if (!Directory.Exists(folder))
        {
            throw new ModelLoadException($"Model folder '{folder}' does not exist. Give a local Hugging Face model folder (config.json, tokenizer.json, onnx/model.onnx).");
        }

        if (modelFile is not null)
        {
            var path = Path.Combine(folder, modelFile);
            return File.Exists(path) ? path : throw new ModelLoadException($"Model file '{modelFile}' is not in '{folder}'. Set OnnxPipelineOptions.ModelFile to a .onnx file of the folder.");
        }

        foreach (var candidate in s_candidates)
        {
            var path = Path.Combine(folder, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new ModelLoadException($"Model folder '{folder}' has no ONNX file (looked for {string.Join(", ", s_candidates)}). A safetensors checkpoint (config.json + model.safetensors) of {string.Join(", ", Safetensors.EncoderGraphBuilder.SupportedModelTypes)} runs as it is; for other architectures export the model with `optimum-cli export onnx`, or set OnnxPipelineOptions.ModelFile.");
    }
}
