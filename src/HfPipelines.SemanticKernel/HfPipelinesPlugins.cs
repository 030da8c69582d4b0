using HfPipelines.Pipelines;
using HfPipelines.SemanticKernel.Plugins;
using Microsoft.SemanticKernel;

namespace HfPipelines.SemanticKernel;

/// <summary>
/// Builds the kernel plugins of every enabled task family. Tool names a model produces are the plugin
/// name and the function name joined by '_' (e.g. <c>Speech_transcribe</c>).
/// </summary>
public static class HfPipelinesPlugins
{
    /// <summary>The name of <see cref="ClassificationPlugin"/>.</summary>
    public const string ClassificationPluginName = "Classification";

    /// <summary>The name of <see cref="LanguagePlugin"/>.</summary>
    public const string LanguagePluginName = "Language";

    /// <summary>The name of <see cref="GenerationPlugin"/>.</summary>
    public const string GenerationPluginName = "Generation";

    /// <summary>The name of <see cref="VisionPlugin"/>.</summary>
    public const string VisionPluginName = "Vision";

    /// <summary>The name of <see cref="SpeechPlugin"/>.</summary>
    public const string SpeechPluginName = "Speech";

    /// <summary>Creates one plugin per task family that has an enabled task, holding only the enabled tasks' functions.</summary>
    /// <param name="provider">Gives the pipelines (on first call of each function).</param>
    /// <param name="options">Tasks and models; null offers every task with default models.</param>
    /// <returns>The plugins, in a fixed order.</returns>
    public static IReadOnlyList<KernelPlugin> Create(IPipelineProvider provider, HfPipelinesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        options ??= new HfPipelinesOptions();
        options.Validate();
        var plugins = new List<KernelPlugin>();
        Add(plugins, new ClassificationPlugin(provider, options), ClassificationPluginName, "Classify texts and find named entities.", options);
        Add(plugins, new LanguagePlugin(provider, options), LanguagePluginName, "Summarize, translate, fill masks and answer questions about a text.", options);
        Add(plugins, new GenerationPlugin(provider, options), GenerationPluginName, "Generate text.", options);
        Add(plugins, new VisionPlugin(provider, options), VisionPluginName, "Classify images.", options);
        Add(plugins, new SpeechPlugin(provider, options), SpeechPluginName, "Transcribe speech.", options);
        return plugins;
    }

    private static void Add(List<KernelPlugin> plugins, object target, string name, string description, HfPipelinesOptions options)
    {
        var enabled = TaskFunction.All
            .Where(f => f.Plugin == name && options.IsEnabled(f.Task))
            .Select(f => f.Function)
            .ToHashSet(StringComparer.Ordinal);
        if (enabled.Count == 0)
        {
            return;
        }

        var all = KernelPluginFactory.CreateFromObject(target, name);
        plugins.Add(KernelPluginFactory.CreateFromFunctions(name, description, all.Where(f => enabled.Contains(f.Name))));
    }
}
