using HfPipelines.Composition;
using HfPipelines.Pipelines;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.SemanticKernel;

namespace HfPipelines.SemanticKernel;

/// <summary>Registers the HfPipelines plugins in a service collection.</summary>
public static class HfPipelinesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the options, and one <see cref="KernelPlugin"/> singleton per enabled task family (a kernel built from
    /// these services picks them up). The plugins use the application's <see cref="IPipelineProvider"/> when it
    /// registers one; otherwise a default provider: the local backends behind the Hub store (settings from the
    /// environment; the core's ONNX Runtime backend and every registered <see cref="IPipelineBackend"/>, such as
    /// <c>services.AddLlamaCpp()</c> or <c>services.AddOnnxGenAI()</c>), with the remote backend and fallback policy of
    /// <see cref="HfPipelinesOptions"/>. When <see cref="HfPipelinesOptions.ChatModel"/> is set, an <see cref="IChatClient"/>
    /// over that model is registered too (unless the application registers one), for the agent and prompt steps.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Chooses tasks, models, backend and fallback policy; null keeps the defaults.</param>
    /// <returns>The services.</returns>
    /// <exception cref="UnknownTaskException">An option names a task that does not exist.</exception>
    public static IServiceCollection AddHfPipelines(this IServiceCollection services, Action<HfPipelinesOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(PluginSet)))
        {
            throw new InvalidOperationException("AddHfPipelines was already called on these services; configure every task and model in one call.");
        }

        var options = new HfPipelinesOptions();
        configure?.Invoke(options);
        options.Validate();
        services.AddSingleton(options);
        services.TryAddSingleton<IPipelineProvider>(sp => DefaultPipelineProvider.Create(options, sp.GetServices<IPipelineBackend>()));
        if (options.ChatModel is { } chatModel)
        {
            // Opened on the first call, through the backends registered by then (AddLlamaCpp, AddOnnxGenAI).
            services.TryAddSingleton<IChatClient>(sp => LocalModelChatClient.Create(sp.GetServices<IPipelineBackend>(), chatModel));
        }

        services.AddSingleton(sp => new PluginSet(HfPipelinesPlugins.Create(Provider(sp), options)));
        var count = HfPipelinesPlugins.Create(new UnresolvedPipelineProvider(), options).Count;
        for (var i = 0; i < count; i++)
        {
            var index = i;
            services.AddSingleton(sp => sp.GetRequiredService<PluginSet>().Plugins[index]);
        }

        return services;
    }

    /// <summary>Gets the registered <see cref="IPipelineProvider"/>, or says how to register one.</summary>
    /// <param name="services">The service provider.</param>
    /// <returns>The provider.</returns>
    internal static IPipelineProvider Provider(IServiceProvider services) =>
        services.GetService<IPipelineProvider>()
        ?? throw new HfPipelinesException("No IPipelineProvider is registered. Call AddHfPipelines, or register one (services.AddSingleton<IPipelineProvider>(...)).");

    /// <summary>The plugins built once per service provider; each is also registered as a <see cref="KernelPlugin"/>.</summary>
    private sealed record PluginSet(IReadOnlyList<KernelPlugin> Plugins);

    /// <summary>Stands in while listing which plugins the options enable; never asked for a pipeline.</summary>
    private sealed class UnresolvedPipelineProvider : IPipelineProvider
    {
        public ValueTask<IPipeline<TInput, TOptions, TResult>> GetAsync<TInput, TOptions, TResult>(string task, string? model = null, CancellationToken cancellationToken = default)
            where TOptions : class =>
            throw new InvalidOperationException("This provider only lists plugins.");

        public void Dispose()
        {
        }
    }
}
