using HfPipelines.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace HfPipelines.Seq2Seq.Onnx;

/// <summary>Opens the graphs of an encoder-decoder export on the library's session owner, and checks their inputs.</summary>
internal static class OnnxFiles
{
    public static OnnxSession Open(string path, SessionOptions? options) => OnnxSession.Open(path, options);

    public static void RequireInputs(OnnxSession session, string path, params string[] names)
    {
        var missing = names.Where(n => !session.InputMetadata.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new ModelLoadException(
                $"'{path}' lacks the input(s) {string.Join(", ", missing)}; it has {string.Join(", ", session.InputMetadata.Keys)}. It is not a Hugging Face export of this kind of model.");
        }
    }
}
