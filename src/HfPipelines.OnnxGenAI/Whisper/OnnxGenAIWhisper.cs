using System.Text.Json.Nodes;
using HfPipelines.Hub;
using HfPipelines.Pipelines;
using HfPipelines.Seq2Seq;
using HfPipelines.Speech.Whisper;
using HfPipelines.Tasks;
using HfPipelines.Tokenization;
using HfPipelines.Composition;

namespace HfPipelines.OnnxGenAI.Whisper;

/// <summary>
/// automatic-speech-recognition on ONNX Runtime GenAI Whisper folders (<c>genai_config.json</c> with
/// <c>"type": "whisper"</c>, an encoder taking <c>audio_features</c> and a decoder with self and cross caches, as
/// <c>onnxruntime_genai.models.builder</c> exports them). The audio path, prompt, language detection, timestamp rules,
/// chunk merging and word timestamps are those of <see cref="WhisperSpeechRecognitionPipeline"/>; GenAI runs the
/// encoder and decoder.
/// </summary>
public static class OnnxGenAIWhisper
{
    /// <summary>Whether a folder is a GenAI Whisper folder (it has a genai_config.json of type whisper).</summary>
    /// <param name="folder">The folder.</param>
    /// <returns>True for GenAI Whisper folders; nothing else is checked.</returns>
    public static bool IsWhisperFolder(string folder) => Directory.Exists(folder) && GenAIWhisperFolder.IsWhisper(folder);

    /// <summary>Loads the Whisper model of a GenAI folder.</summary>
    /// <param name="folder">The folder with genai_config.json, the encoder and decoder files and the Whisper tokenizer (tokenizer.json).</param>
    /// <param name="options">Threads; null for the defaults.</param>
    /// <returns>The model; the caller owns it.</returns>
    /// <exception cref="ModelLoadException">The folder is not a GenAI Whisper folder, a file is missing or does not match the config, or GenAI refuses it.</exception>
    public static WhisperModel LoadModel(string folder, OnnxGenAIModelOptions? options = null)
    {
        var checkedFolder = GenAIWhisperFolder.Read(folder);
        var tokenizer = HfTokenizer.FromFolder(folder);
        var generationConfig = GenAIWhisperFolder.ReadJson(Path.Combine(folder, "generation_config.json"));
        var generation = ReadGeneration(checkedFolder, generationConfig);
        var config = new JsonObject
        {
            ["num_mel_bins"] = checkedFolder.MelBins(),
            ["max_target_positions"] = checkedFolder.ContextLength,
        };
        var alignmentHeads = WhisperModel.ReadAlignmentHeads(generationConfig);
        var engine = OnnxGenAIWhisperEngine.Load(checkedFolder, options ?? new OnnxGenAIModelOptions());
        return new WhisperModel(engine, tokenizer, generation, config, alignmentHeads);
    }

    /// <summary>Creates the speech recognition pipeline of a GenAI Whisper folder: audio files, streams or samples in,
    /// text and timestamps out, with the audio decoded as it is read.</summary>
    /// <param name="folder">The folder (see <see cref="LoadModel"/>).</param>
    /// <param name="options">Threads; null for the defaults.</param>
    /// <returns>The pipeline; the caller owns it.</returns>
    /// <exception cref="ModelLoadException">See <see cref="LoadModel"/>.</exception>
    public static WhisperSpeechRecognitionPipeline CreatePipeline(string folder, OnnxGenAIModelOptions? options = null) =>
        WhisperSpeechRecognitionPipeline.Create(LoadModel(folder, options), folder);

    /// <summary>
    /// The automatic-speech-recognition registration for <see cref="Pipeline.CreateProvider(HubOptions?, Func{ModelStore, IEnumerable{PipelineRegistration}}, HfPipelines.Onnx.OnnxPipelineOptions?, PipelineProviderOptions?)"/>:
    /// it resolves the model through the store (local folder, cache, or download) and serves GenAI Whisper folders,
    /// declining anything else so other backends can try.
    /// <code>
    /// using var pipelines = Pipeline.CreateProvider(null, store => [OnnxGenAIWhisper.Registration(store)]);
    /// var asr = await pipelines.GetAsync&lt;AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult&gt;("automatic-speech-recognition", "./whisper-tiny-genai");
    /// </code>
    /// </summary>
    /// <param name="store">The model store (borrowed).</param>
    /// <param name="options">Threads; null for the defaults.</param>
    /// <returns>The registration (backend name <c>onnx-genai-whisper</c>).</returns>
    public static PipelineRegistration Registration(ModelStore store, OnnxGenAIModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new PipelineRegistration(PipelineTasks.AutomaticSpeechRecognition, "onnx-genai-whisper", async (model, cancellationToken) =>
        {
            var resolved = await store.ResolveAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false);
            return IsWhisperFolder(resolved.Path) ? CreatePipeline(resolved.Path, options) : null;
        });
    }

    private static Seq2SeqGenerationConfig ReadGeneration(GenAIWhisperFolder folder, JsonObject? generationConfig)
    {
        // generation_config.json (suppress tokens, alignment heads ...) when the folder has it; the ids and lengths of genai_config.json otherwise.
        var fromGenAI = new JsonObject
        {
            ["eos_token_id"] = folder.Model["eos_token_id"]?.DeepClone(),
            ["pad_token_id"] = folder.Model["pad_token_id"]?.DeepClone(),
            ["bos_token_id"] = folder.Model["bos_token_id"]?.DeepClone(),
            ["max_length"] = folder.Search?["max_length"]?.DeepClone() ?? folder.ContextLength,
        };
        return Seq2SeqGenerationConfig.FromJson(generationConfig, fromGenAI);
    }
}
