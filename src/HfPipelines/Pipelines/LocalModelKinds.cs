using HfPipelines.Safetensors;
using HfPipelines.Seq2Seq;
using HfPipelines.Seq2Seq.Onnx;
using HfPipelines.Speech.Whisper;
using HfPipelines.Tokenization;

namespace HfPipelines.Pipelines;

/// <summary>What a resolved local model is (an ONNX export, a seq2seq export, a sentence-embedding model ...), for the
/// local factories of the task descriptors.</summary>
internal static class LocalModelKinds
{
    /// <summary>A folder holding an ONNX file (anywhere below it), or an <c>.onnx</c> file.</summary>
    public static bool HasOnnx(string path) =>
        File.Exists(path) ? path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)
        : Directory.Exists(path) && Directory.EnumerateFiles(path, "*.onnx", SearchOption.AllDirectories).Any();

    /// <summary>An encoder-decoder export (encoder_model.onnx in the folder or its onnx/ folder).</summary>
    public static bool IsSeq2Seq(string folder) =>
        File.Exists(Path.Combine(folder, "encoder_model.onnx")) || File.Exists(Path.Combine(folder, "onnx", "encoder_model.onnx"));

    /// <summary>An encoder: an export (ONNX files, and no encoder-decoder layout), or a safetensors checkpoint of an
    /// architecture whose graph <see cref="EncoderGraphBuilder"/> builds.</summary>
    public static bool IsEncoder(string path) => (HasOnnx(path) && !IsSeq2Seq(path)) || BuiltEncoderModels.IsCheckpoint(path);

    /// <summary>A sentence-transformers export (modules.json or sentence_bert_config.json).</summary>
    public static bool IsSentenceEmbedding(string folder) =>
        IsEncoder(folder)
        && (File.Exists(Path.Combine(folder, "modules.json")) || File.Exists(Path.Combine(folder, "sentence_bert_config.json")));

    /// <summary>An encoder-decoder export whose config says whisper.</summary>
    public static bool IsWhisper(string folder) =>
        IsSeq2Seq(folder) && (string?)ModelJson.ReadConfig(folder)["model_type"] == "whisper";

    /// <summary>Loads an encoder-decoder text model (summarization, translation).</summary>
    public static Seq2SeqTextModel LoadSeq2Seq(string folder)
    {
        var tokenizer = HfTokenizer.FromFolder(folder);
        var model = OnnxSeq2SeqModel.Load(folder);
        return new Seq2SeqTextModel(model, tokenizer, Seq2SeqGenerationConfig.FromModelFolder(folder), ModelJson.ReadConfig(folder));
    }

    /// <summary>Loads a Whisper export as a speech recognition pipeline.</summary>
    public static WhisperSpeechRecognitionPipeline CreateWhisper(string folder)
    {
        var alignmentHeads = WhisperModel.ReadAlignmentHeads(ModelJson.TryRead(Path.Combine(folder, "generation_config.json")));
        var model = new WhisperModel(OnnxSeq2SeqModel.Load(folder), HfTokenizer.FromFolder(folder), Seq2SeqGenerationConfig.FromModelFolder(folder), ModelJson.ReadConfig(folder), alignmentHeads);
        return WhisperSpeechRecognitionPipeline.Create(model, folder);
    }
}
