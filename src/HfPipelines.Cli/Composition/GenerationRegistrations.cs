using HfPipelines.Generation;
using HfPipelines.Hub;
using HfPipelines.LlamaCpp;
using HfPipelines.OnnxGenAI;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using Microsoft.Extensions.AI;

namespace HfPipelines.Cli.Composition;

/// <summary>Local chat models and the text-generation registrations: GGUF through llama.cpp, folders through ONNX Runtime GenAI.</summary>
internal static class GenerationRegistrations
{
    /// <summary>text-generation over a local chat model, and speech recognition over a whisper.cpp ggml file.</summary>
    public static IEnumerable<PipelineRegistration> Create(ModelStore store)
    {
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
    public static async Task<IChatClient?> TryCreateChatClientAsync(ModelStore store, string model, CancellationToken cancellationToken)
    {
        var resolved = await store.ResolveAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false);
        var path = resolved.Path;
        var threads = Math.Max(1, Environment.ProcessorCount);
        if (File.Exists(path) && path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
        {
            return LlamaCppChatClient.Load(path, new LlamaCppModelOptions { Threads = threads });
        }

        if (!Directory.Exists(path))
        {
            return null;
        }

        if (File.Exists(Path.Combine(path, "genai_config.json")))
        {
            return OnnxGenAIChatClient.Load(path);
        }

        var ggufs = Directory.GetFiles(path, "*.gguf", SearchOption.AllDirectories);
        return ggufs.Length switch
        {
            0 => null,
            1 => LlamaCppChatClient.Load(ggufs[0], new LlamaCppModelOptions { Threads = threads }),
            _ => throw new ModelLoadException(
                $"'{model}' holds {ggufs.Length} GGUF files ({string.Join(", ", ggufs.Select(Path.GetFileName))}); pick one with {model}:FILE.gguf."),
        };
    }
}
