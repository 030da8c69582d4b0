using HfPipelines.Pipelines;
using Microsoft.Extensions.DependencyInjection;

namespace HfPipelines.LlamaCpp;

/// <summary>Adds the llama.cpp backend to a service collection.</summary>
public static class LlamaCppServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LlamaCppBackend"/> as an <see cref="IPipelineBackend"/>: the pipeline provider that
    /// <c>AddHfPipelines</c> builds then runs text-generation, chat and whisper.cpp speech recognition on GGUF and ggml
    /// files, e.g. with <c>options.Models["text-generation"] = "stories260K.gguf"</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets threads, context size or a chat template; null keeps the defaults.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddLlamaCpp(this IServiceCollection services, Action<LlamaCppModelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new LlamaCppModelOptions();
        configure?.Invoke(options);
        services.AddSingleton<IPipelineBackend>(new LlamaCppBackend(options));
        return services;
    }
}
