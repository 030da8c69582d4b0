using HfPipelines.Pipelines;
using Microsoft.Extensions.DependencyInjection;

namespace HfPipelines.OnnxGenAI;

/// <summary>Adds the ONNX Runtime GenAI backend to a service collection.</summary>
public static class OnnxGenAIServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="OnnxGenAIBackend"/> as an <see cref="IPipelineBackend"/>: the pipeline provider that
    /// <c>AddHfPipelines</c> builds then runs text-generation, chat and Whisper speech recognition on GenAI folders.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets threads and other load options; null keeps the defaults.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOnnxGenAI(this IServiceCollection services, Action<OnnxGenAIModelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new OnnxGenAIModelOptions();
        configure?.Invoke(options);
        services.AddSingleton<IPipelineBackend>(new OnnxGenAIBackend(options));
        return services;
    }
}
