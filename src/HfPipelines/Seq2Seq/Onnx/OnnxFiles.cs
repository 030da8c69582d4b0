using Microsoft.ML.OnnxRuntime;

namespace HfPipelines.Seq2Seq.Onnx;

/// <summary>Opens ONNX files with checks that give a better message than the runtime's.</summary>
internal static class OnnxFiles
{
    public static InferenceSession Open(string path, SessionOptions? options)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length < 16)
        {
            throw new ModelLoadException($"'{path}' is missing or too small to be an ONNX model. Download the model again (hfp models pull).");
        }

        try
        {
            HfPipelines.Onnx.OnnxNativeLog.EnsureInstalled();
            return options is null ? new InferenceSession(path) : new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException($"ONNX Runtime could not load '{path}': {ex.Message}. The file may be truncated or from a newer exporter; download it again.", ex);
        }
    }

    public static void RequireInputs(InferenceSession session, string path, params string[] names)
    {
        var missing = names.Where(n => !session.InputMetadata.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new ModelLoadException(
                $"'{path}' lacks the input(s) {string.Join(", ", missing)}; it has {string.Join(", ", session.InputMetadata.Keys)}. It is not a Hugging Face export of this kind of model.");
        }
    }
}
