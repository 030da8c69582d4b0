using HfPipelines.Pipelines;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace HfPipelines.SemanticKernel;

/// <summary>
/// The plugin functions as Microsoft.Extensions.AI <see cref="AIFunction"/>s, for <see cref="IChatClient"/>,
/// Agent Framework and MCP users. Each is named plugin and function joined by '_' (e.g. <c>Language_translate</c>)
/// and returns its task result as compact JSON text with Python's keys (e.g. <c>{"translation_text":"..."}</c>).
/// </summary>
public static class HfPipelinesAIFunctions
{
    /// <summary>Creates the functions of every enabled task.</summary>
    /// <param name="provider">Gives the pipelines.</param>
    /// <param name="options">Tasks and models; null offers every task with default models.</param>
    /// <returns>The functions.</returns>
    public static IReadOnlyList<AIFunction> Create(IPipelineProvider provider, HfPipelinesOptions? options = null)
    {
        var kernel = new Kernel();
        return HfPipelinesPlugins.Create(provider, options).SelectMany(p => p.AsAIFunctions(kernel)).Select(f => (AIFunction)new ModelToolFunction(f)).ToList();
    }

    /// <summary>Creates the functions from the services: the registered <see cref="IPipelineProvider"/> and options.</summary>
    /// <param name="services">Services holding an <see cref="IPipelineProvider"/> (and optionally <see cref="HfPipelinesOptions"/>).</param>
    /// <returns>The functions.</returns>
    public static IReadOnlyList<AIFunction> Create(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return Create(HfPipelinesServiceCollectionExtensions.Provider(services), services.GetService<HfPipelinesOptions>());
    }
}
