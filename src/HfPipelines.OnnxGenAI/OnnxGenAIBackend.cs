using HfPipelines.Generation;
using HfPipelines.Hub;
using HfPipelines.OnnxGenAI.Whisper;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using Microsoft.Extensions.AI;
using HfPipelines.Composition;

namespace HfPipelines.OnnxGenAI;

/// <summary>
/// The ONNX Runtime GenAI backend: text-generation and chat on GenAI model folders (<c>genai_config.json</c>), and
/// automatic-speech-recognition on GenAI Whisper folders. Add it with <c>services.AddOnnxGenAI()</c> (Semantic Kernel
/// and DI apps) or pass it to <see cref="Pipeline.CreateProvider(IEnumerable{IPipelineBackend}, HubOptions?, PipelineProviderOptions?, Onnx.OnnxPipelineOptions?)"/>.
/// Thread-safe; it holds no model itself.
/// </summary>
public sealed class OnnxGenAIBackend : IPipelineBackend
{
    private readonly OnnxGenAIModelOptions? _options;

    /// <summary>Creates the backend.</summary>
    /// <param name="options">How models are loaded (threads ...); null for the defaults.</param>
    public OnnxGenAIBackend(OnnxGenAIModelOptions? options = null) => _options = options;

    /// <inheritdoc />
    public string Name => "onnx-genai";

    /// <inheritdoc />
    public IEnumerable<PipelineRegistration> CreateRegistrations(ModelStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        yield return OnnxGenAIWhisper.Registration(store, _options);
        yield return new PipelineRegistration(PipelineTasks.TextGeneration, Name, async (model, cancellationToken) =>
        {
            var resolved = await store.ResolveAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false);
            return TryCreateChatClient(resolved.Path, model) is { } client ? new TextGenerationPipeline(client, ownsClient: true) : null;
        });
    }

    /// <inheritdoc />
    public IChatClient? TryCreateChatClient(string path, string model) =>
        IsGenerativeFolder(path) ? OnnxGenAIChatClient.Load(path, _options) : null;

    /// <summary>Whether a path is a GenAI folder of a generative (not Whisper) model.</summary>
    /// <param name="path">A resolved file or folder.</param>
    /// <returns>True for a folder with <c>genai_config.json</c> that is not a Whisper model.</returns>
    public static bool IsGenerativeFolder(string path) =>
        Directory.Exists(path) && File.Exists(Path.Combine(path, "genai_config.json")) && !OnnxGenAIWhisper.IsWhisperFolder(path);
}
