using HfPipelines.Generation;
using HfPipelines.Hub;
using HfPipelines.LlamaCpp.Whisper;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using Microsoft.Extensions.AI;
using HfPipelines.Composition;

namespace HfPipelines.LlamaCpp;

/// <summary>
/// The llama.cpp backend: text-generation and chat on GGUF files (a <c>.gguf</c> path, <c>org/name:file.gguf</c>, or a
/// folder or repo holding exactly one GGUF file), and automatic-speech-recognition on whisper.cpp ggml files
/// (<c>.bin</c>). Add it with <c>services.AddLlamaCpp()</c> (Semantic Kernel and DI apps) or pass it to
/// <see cref="Pipeline.CreateProvider(IEnumerable{IPipelineBackend}, HubOptions?, PipelineProviderOptions?, Onnx.OnnxPipelineOptions?)"/>.
/// Thread-safe; it holds no model itself (each pipeline or chat client it makes owns its model).
/// </summary>
public sealed class LlamaCppBackend : IPipelineBackend
{
    private readonly LlamaCppModelOptions? _options;

    /// <summary>Creates the backend.</summary>
    /// <param name="options">How models are loaded (threads, context size, a chat template for models without one); null for the defaults.</param>
    public LlamaCppBackend(LlamaCppModelOptions? options = null) => _options = options;

    /// <inheritdoc />
    public string Name => "llamacpp";

    /// <inheritdoc />
    public IEnumerable<PipelineRegistration> CreateRegistrations(ModelStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        yield return new PipelineRegistration(PipelineTasks.TextGeneration, Name, async (model, cancellationToken) =>
        {
            var resolved = await store.ResolveAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false);
            return TryCreateChatClient(resolved.Path, model) is { } client ? new TextGenerationPipeline(client, ownsClient: true) : null;
        });
        yield return new PipelineRegistration(PipelineTasks.AutomaticSpeechRecognition, "whisper.cpp", async (model, cancellationToken) =>
        {
            var resolved = await store.ResolveAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false);
            return File.Exists(resolved.Path) && resolved.Path.EndsWith(".bin", StringComparison.OrdinalIgnoreCase)
                ? WhisperCppSpeechRecognizer.Create(resolved.Path)
                : null;
        });
    }

    /// <inheritdoc />
    public IChatClient? TryCreateChatClient(string path, string model) =>
        LocateGguf(path, model) is { } gguf ? LlamaCppChatClient.Load(gguf, _options) : null;

    /// <summary>
    /// The GGUF file a resolved path stands for: the path itself when it is a <c>.gguf</c> file, or the only GGUF file
    /// of a folder (an ONNX Runtime GenAI folder is not ours); null when there is none.
    /// </summary>
    /// <param name="path">A resolved file or folder.</param>
    /// <param name="model">The model reference, for messages.</param>
    /// <returns>The GGUF file, or null.</returns>
    /// <exception cref="ModelLoadException">The folder holds several GGUF files (the message says how to pick one).</exception>
    public static string? LocateGguf(string path, string model)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            return path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) ? path : null;
        }

        if (!Directory.Exists(path) || File.Exists(Path.Combine(path, "genai_config.json")))
        {
            return null;
        }

        var ggufs = Directory.GetFiles(path, "*.gguf", SearchOption.AllDirectories);
        return ggufs.Length switch
        {
            0 => null,
            1 => ggufs[0],
            _ => throw new ModelLoadException(
                $"'{model}' holds {ggufs.Length} GGUF files ({string.Join(", ", ggufs.Select(Path.GetFileName))}); pick one with {model}:FILE.gguf."),
        };
    }
}
