using HfPipelines.Tasks;

namespace HfPipelines.Cli.Serve.Tasks;

/// <summary>Every task the hf-inference routes serve, by canonical name.</summary>
internal static class ServeTasks
{
    private static readonly Dictionary<string, IServeTask> ByName = new IServeTask[]
    {
        new ServeTextClassification(), new ServeZeroShotClassification(), new ServeTokenClassification(), new ServeQuestionAnswering(),
        new ServeFillMask(), new ServeFeatureExtraction(), new ServeSentenceSimilarity(), new ServeSummarization(), new ServeTranslation(),
        new ServeTextGeneration(), new ServeImageClassification(), new ServeSpeechRecognition(),
    }.ToDictionary(t => t.Task, StringComparer.Ordinal);

    /// <summary>The handler of a canonical task name.</summary>
    /// <param name="task">The task.</param>
    /// <returns>The handler.</returns>
    public static IServeTask Get(string task) => ByName.TryGetValue(PipelineTasks.Resolve(task).Name, out var handler)
        ? handler
        : throw new ServeRequestException(404, $"hfp serve has no route for task '{task}'.") { ListModels = true };
}
