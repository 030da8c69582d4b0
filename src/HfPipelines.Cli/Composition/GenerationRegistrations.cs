using HfPipelines.Generation;
using HfPipelines.Hub;
using HfPipelines.LlamaCpp;
using HfPipelines.OnnxGenAI;
using HfPipelines.OnnxGenAI.Whisper;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using Microsoft.Extensions.AI;

namespace HfPipelines.Cli.Composition;

/// <summary>Local chat models and the text-generation registrations: GGUF through llama.cpp, folders through ONNX Runtime GenAI.</summary>
internal static class GenerationRegistrations
{
    /// <summary>text-generation over a local chat model, and speech recognition over a whisper.cpp ggml file or a GenAI Whisper folder.</summary>
    public static IEnumerable<PipelineRegistration> Create(ModelStore store)
    {
        yield return OnnxGenAIWhisper.Registration(store);

        yield return new PipelineRegistration(PipelineTasks.AutomaticSpeechRecognition, "whisper.cpp", async (model, ct) =>
        {
            var resolved = await store.ResolveAsync(model, cancellationToken: ct).ConfigureAwait(false);
            return File.Exists(resolved.Path) && resolved.Path.EndsWith(".bin", StringComparison.OrdinalIgnoreCase)
                ? HfPipelines.LlamaCpp.Whisper.WhisperCppSpeechRecognizer.Create(resolved.Path)
                : null;
        });

        yield return new PipelineRegistration(PipelineTasks.TextGeneration, "local-generative", async (model, ct) =>
            await TryCreateChatClientAsync(store, model, ct).ConfigureAwait(false) is { } client
                ? new TextGenerationPipeline(client, ownsClient: true)
                : null);
    }

    /// <summary>A chat client for a GGUF file, a repo holding GGUF files, or a GenAI folder; null when the model is none of these.</summary>
    /// <param name="store">The Hub store.</param>
    /// <param name="model">The model reference.</param>
    /// <param name="cancellationToken">Cancels resolving.</param>
    /// <param name="chatTemplate">Jinja text replacing the model's own chat template; null keeps the model's.</param>
    public static async Task<IChatClient?> TryCreateChatClientAsync(ModelStore store, string model, CancellationToken cancellationToken, string? chatTemplate = null)
    {
        var resolved = await store.ResolveAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false);
        return LocateGenerativeModel(resolved.Path, model) is { } located ? OpenChatClient(located, threads: null, chatTemplate) : null;
    }

    /// <summary>
    /// The generative model inside a resolved path: a .gguf file, a GenAI folder (with genai_config.json), or the single
    /// GGUF file of a folder; null when it holds none of these.
    /// </summary>
    /// <exception cref="ModelLoadException">The folder holds several GGUF files (the message says how to pick one).</exception>
    public static string? LocateGenerativeModel(string path, string model)
    {
        if (File.Exists(path))
        {
            return path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) ? path : null;
        }

        if (!Directory.Exists(path) || File.Exists(Path.Combine(path, "genai_config.json")))
        {
            return Directory.Exists(path) ? path : null;
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

    /// <summary>Opens a located model: llama.cpp for a .gguf file, ONNX Runtime GenAI for a folder.</summary>
    /// <param name="located">What <see cref="LocateGenerativeModel"/> returned.</param>
    /// <param name="threads">CPU threads; null for the backend's default (all cores).</param>
    /// <param name="chatTemplate">Jinja text replacing the model's own chat template (<c>--chat-template</c>); null keeps the model's.</param>
    /// <returns>The chat client; the caller owns it.</returns>
    public static IChatClient OpenChatClient(string located, int? threads, string? chatTemplate = null)
    {
        if (located.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
        {
            var options = new LlamaCppModelOptions { ChatTemplate = chatTemplate };
            options.Threads = threads ?? options.Threads;
            return LlamaCppChatClient.Load(located, options);
        }

        var genai = new OnnxGenAIModelOptions { ChatTemplate = chatTemplate };
        genai.Threads = threads ?? genai.Threads;
        return OnnxGenAIChatClient.Load(located, genai);
    }
}
