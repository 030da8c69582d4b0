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

    /// <summary>
    /// Creates one plugin per task family that has an enabled task, from the task descriptors of
    /// <see cref="HfPipelinesOptions.TaskCatalog"/>: each task whose <see cref="PipelineTask.Tool"/> names a plugin and a
    /// function appears there, as the hand-written function of that name when the family's plugin class has one, else as
    /// a function made from the descriptor's arguments.
    /// </summary>
    /// <param name="provider">Gives the pipelines (on first call of each function).</param>
    /// <param name="options">Tasks and models; null offers every task with default models.</param>
    /// <returns>The plugins, in a fixed order (the built-in families first).</returns>
    public static IReadOnlyList<KernelPlugin> Create(IPipelineProvider provider, HfPipelinesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        options ??= new HfPipelinesOptions();
        options.Validate();
        var curated = new Dictionary<string, (KernelPlugin Plugin, string Description)>(StringComparer.Ordinal)
        {
            [ClassificationPluginName] = (KernelPluginFactory.CreateFromObject(new ClassificationPlugin(provider, options), ClassificationPluginName), "Classify texts and find named entities."),
            [LanguagePluginName] = (KernelPluginFactory.CreateFromObject(new LanguagePlugin(provider, options), LanguagePluginName), "Summarize, translate, fill masks and answer questions about a text."),
            [GenerationPluginName] = (KernelPluginFactory.CreateFromObject(new GenerationPlugin(provider, options), GenerationPluginName), "Generate text."),
            [VisionPluginName] = (KernelPluginFactory.CreateFromObject(new VisionPlugin(provider, options), VisionPluginName), "Classify images."),
            [SpeechPluginName] = (KernelPluginFactory.CreateFromObject(new SpeechPlugin(provider, options), SpeechPluginName), "Transcribe speech."),
        };
        var functions = new Dictionary<string, List<(int Order, KernelFunction Function)>>(StringComparer.Ordinal);
        foreach (var task in options.TaskCatalog.All.Where(t => t.Tool is not null && options.IsEnabled(t.Name)))
        {
            var tool = task.Tool!;
            var (function, order) = curated.TryGetValue(tool.Plugin, out var family) && family.Plugin.TryGetFunction(tool.Function, out var handWritten)
                ? (handWritten, family.Plugin.ToList().IndexOf(handWritten))
                : (TaskKernelFunction.Create(task, tool, provider, options), int.MaxValue);
            if (!functions.TryGetValue(tool.Plugin, out var list))
            {
                functions[tool.Plugin] = list = [];
            }

            list.Add((order, function));
        }

        var names = curated.Keys.Concat(functions.Keys.Where(k => !curated.ContainsKey(k))).Where(functions.ContainsKey);
        return [.. names.Select(name => KernelPluginFactory.CreateFromFunctions(
            name,
            curated.TryGetValue(name, out var family) ? family.Description : $"The {name} tasks.",
            functions[name].OrderBy(f => f.Order).Select(f => f.Function)))];
    }
}
