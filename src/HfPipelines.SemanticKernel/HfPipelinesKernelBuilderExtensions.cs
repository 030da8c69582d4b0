using Microsoft.SemanticKernel;

namespace HfPipelines.SemanticKernel;

/// <summary>Adds the HfPipelines plugins to a kernel builder.</summary>
public static class HfPipelinesKernelBuilderExtensions
{
    /// <summary>Forwards to <see cref="HfPipelinesServiceCollectionExtensions.AddHfPipelines"/> on the builder's services.</summary>
    /// <param name="plugins">The kernel builder's plugins.</param>
    /// <param name="configure">Chooses tasks, models, backend and fallback policy; null keeps the defaults.</param>
    /// <returns>The plugins builder.</returns>
    public static IKernelBuilderPlugins AddHfPipelines(this IKernelBuilderPlugins plugins, Action<HfPipelinesOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        plugins.Services.AddHfPipelines(configure);
        return plugins;
    }
}
