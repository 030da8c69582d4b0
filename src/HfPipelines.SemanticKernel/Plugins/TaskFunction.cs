using HfPipelines.Tasks;

namespace HfPipelines.SemanticKernel.Plugins;

/// <summary>Which plugin function serves which task: the one table the plugin factory and workflows read.</summary>
/// <param name="Task">The canonical task name.</param>
/// <param name="Plugin">The plugin name.</param>
/// <param name="Function">The function name.</param>
internal sealed record TaskFunction(string Task, string Plugin, string Function)
{
    /// <summary>Every task with a plugin function.</summary>
    public static IReadOnlyList<TaskFunction> All { get; } =
    [
        new(PipelineTasks.TextClassification, HfPipelinesPlugins.ClassificationPluginName, "classify_text"),
        new(PipelineTasks.ZeroShotClassification, HfPipelinesPlugins.ClassificationPluginName, "classify_zero_shot"),
        new(PipelineTasks.TokenClassification, HfPipelinesPlugins.ClassificationPluginName, "find_entities"),
        new(PipelineTasks.Summarization, HfPipelinesPlugins.LanguagePluginName, "summarize"),
        new(PipelineTasks.Translation, HfPipelinesPlugins.LanguagePluginName, "translate"),
        new(PipelineTasks.FillMask, HfPipelinesPlugins.LanguagePluginName, "fill_mask"),
        new(PipelineTasks.QuestionAnswering, HfPipelinesPlugins.LanguagePluginName, "answer_question"),
        new(PipelineTasks.TextGeneration, HfPipelinesPlugins.GenerationPluginName, "generate"),
        new(PipelineTasks.ImageClassification, HfPipelinesPlugins.VisionPluginName, "classify_image"),
        new(PipelineTasks.AutomaticSpeechRecognition, HfPipelinesPlugins.SpeechPluginName, "transcribe"),
    ];

    /// <summary>The tool name a model produces for this function: plugin and function joined by '_'.</summary>
    public string ToolName => $"{Plugin}_{Function}";

    /// <summary>Finds the function of a task name or alias; null when the task has none.</summary>
    public static TaskFunction? Find(string task) =>
        PipelineTasks.TryResolve(task, out var info) ? All.FirstOrDefault(f => f.Task == info.Name) : null;
}
