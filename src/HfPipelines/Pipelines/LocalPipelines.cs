using HfPipelines.Hub;
using HfPipelines.Onnx;
using HfPipelines.Seq2Seq;
using HfPipelines.Seq2Seq.Onnx;
using HfPipelines.Speech.Whisper;
using HfPipelines.Tasks;
using HfPipelines.Tokenization;

namespace HfPipelines.Pipelines;

/// <summary>
/// The registrations of the ONNX Runtime backend of this assembly, for <see cref="PipelineProvider"/>: each one
/// resolves the model reference through the <see cref="ModelStore"/> (local folder, cache, embedded model,
/// or a download) and builds the task's pipeline when the model folder has what it needs, or declines
/// (returns null) so that another backend can try.
/// </summary>
public static class LocalPipelines
{
    /// <summary>Registrations for every task this assembly runs locally.</summary>
    /// <param name="store">The model store (borrowed; it must outlive the provider).</param>
    /// <param name="options">ONNX Runtime and batching options for the encoder tasks; null for the defaults.</param>
    /// <returns>The registrations, in the order they are tried.</returns>
    public static IReadOnlyList<PipelineRegistration> Registrations(ModelStore store, OnnxPipelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        return
        [
            Encoder(store, PipelineTasks.TextClassification, f => OnnxPipelines.CreateTextClassification(f, options)),
            Encoder(store, PipelineTasks.ZeroShotClassification, f => OnnxPipelines.CreateZeroShotClassification(f, options)),
            Encoder(store, PipelineTasks.TokenClassification, f => OnnxPipelines.CreateTokenClassification(f, options)),
            Encoder(store, PipelineTasks.QuestionAnswering, f => OnnxPipelines.CreateQuestionAnswering(f, options)),
            Encoder(store, PipelineTasks.FillMask, f => OnnxPipelines.CreateFillMask(f, options)),
            Encoder(store, PipelineTasks.FeatureExtraction, f => OnnxPipelines.CreateFeatureExtraction(f, options)),
            Encoder(store, PipelineTasks.SentenceSimilarity, f => OnnxPipelines.CreateSentenceSimilarity(f, options)),
            Folder(store, PipelineTasks.ImageClassification, "onnx", f => HasOnnx(f) ? ImageClassificationPipeline.Create(f) : null),
            Folder(store, PipelineTasks.Summarization, "onnx-seq2seq", f => IsSeq2Seq(f) ? new Seq2SeqSummarizationPipeline(LoadSeq2Seq(f)) : null),
            Folder(store, PipelineTasks.Summarization, "extractive", f => IsSentenceEmbedding(f)
                ? new ExtractiveSummarizationPipeline(OnnxPipelines.CreateFeatureExtraction(f, options), ownsEmbeddings: true)
                : null),
            Folder(store, PipelineTasks.Translation, "onnx-seq2seq", f => IsSeq2Seq(f) ? new Seq2SeqTranslationPipeline(LoadSeq2Seq(f)) : null),
            Folder(store, PipelineTasks.AutomaticSpeechRecognition, "onnx-whisper", f => IsWhisper(f) ? CreateWhisper(f) : null),
        ];
    }

    /// <summary>Whether a folder holds an encoder-decoder export (encoder_model.onnx).</summary>
    /// <param name="folder">The model folder.</param>
    /// <returns>True for seq2seq exports.</returns>
    public static bool IsSeq2Seq(string folder) =>
        File.Exists(Path.Combine(folder, "encoder_model.onnx")) || File.Exists(Path.Combine(folder, "onnx", "encoder_model.onnx"));

    private static PipelineRegistration Encoder(ModelStore store, string task, Func<string, object> create) =>
        Folder(store, task, "onnx", f => HasOnnx(f) && !IsSeq2Seq(f) ? create(f) : null);

    private static PipelineRegistration Folder(ModelStore store, string task, string backend, Func<string, object?> create) =>
        new(task, backend, async (model, cancellationToken) =>
        {
            var resolved = await store.ResolveAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false);
            return Directory.Exists(resolved.Path) || resolved.Path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)
                ? create(resolved.Path)
                : null;
        });

    private static bool HasOnnx(string path) =>
        File.Exists(path) ? path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)
        : Directory.Exists(path) && Directory.EnumerateFiles(path, "*.onnx", SearchOption.AllDirectories).Any();

    private static bool IsSentenceEmbedding(string folder) =>
        !IsSeq2Seq(folder) && HasOnnx(folder)
        && (File.Exists(Path.Combine(folder, "modules.json")) || File.Exists(Path.Combine(folder, "sentence_bert_config.json")));

    private static bool IsWhisper(string folder) =>
        IsSeq2Seq(folder) && (string?)ModelJson.ReadConfig(folder)["model_type"] == "whisper";

    private static Seq2SeqTextModel LoadSeq2Seq(string folder)
    {
        var tokenizer = HfTokenizer.FromFolder(folder);
        var model = OnnxSeq2SeqModel.Load(folder);
        return new Seq2SeqTextModel(model, tokenizer, Seq2SeqGenerationConfig.FromModelFolder(folder), ModelJson.ReadConfig(folder));
    }

    private static WhisperSpeechRecognitionPipeline CreateWhisper(string folder)
    {
        var alignmentHeads = WhisperModel.ReadAlignmentHeads(ModelJson.TryRead(Path.Combine(folder, "generation_config.json")));
        var model = new WhisperModel(OnnxSeq2SeqModel.Load(folder), HfTokenizer.FromFolder(folder), Seq2SeqGenerationConfig.FromModelFolder(folder), ModelJson.ReadConfig(folder), alignmentHeads);
        return WhisperSpeechRecognitionPipeline.Create(model, folder);
    }
}
