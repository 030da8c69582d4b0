using HfPipelines.Tasks;

namespace HfPipelines.Onnx;

/// <summary>Creation by task name, for providers that resolve the task at run time.</summary>
public static partial class OnnxPipelines
{
    /// <summary>The encoder tasks this class creates (Hugging Face names).</summary>
    public static IReadOnlyList<string> Tasks { get; } =
    [
        PipelineTasks.TextClassification, PipelineTasks.ZeroShotClassification, PipelineTasks.TokenClassification,
        PipelineTasks.QuestionAnswering, PipelineTasks.FillMask, PipelineTasks.FeatureExtraction, PipelineTasks.SentenceSimilarity,
    ];

    /// <summary>Creates the pipeline of an encoder task by name or alias (<c>sentiment-analysis</c>, <c>ner</c>,
    /// <c>embeddings</c>). The result is the typed <c>IPipeline</c> that <see cref="Pipelines.PipelineProviderExtensions"/>
    /// names for the task; cast it to that type.</summary>
    /// <param name="task">The task name or alias.</param>
    /// <param name="modelFolder">The model folder.</param>
    /// <param name="options">Loading and batching options, or null for the defaults.</param>
    /// <returns>The pipeline; disposing it unloads the model.</returns>
    /// <exception cref="UnknownTaskException">The name is no task.</exception>
    /// <exception cref="ModelLoadException">The task is not an encoder task, a file is missing, or the graph does not fit.</exception>
    public static IDisposable Create(string task, string modelFolder, OnnxPipelineOptions? options = null) => PipelineTasks.Resolve(task).Name switch
    {
        PipelineTasks.TextClassification => CreateTextClassification(modelFolder, options),
        PipelineTasks.ZeroShotClassification => CreateZeroShotClassification(modelFolder, options),
        PipelineTasks.TokenClassification => CreateTokenClassification(modelFolder, options),
        PipelineTasks.QuestionAnswering => CreateQuestionAnswering(modelFolder, options),
        PipelineTasks.FillMask => CreateFillMask(modelFolder, options),
        PipelineTasks.FeatureExtraction => CreateFeatureExtraction(modelFolder, options),
        PipelineTasks.SentenceSimilarity => CreateSentenceSimilarity(modelFolder, options),
        var other => throw new ModelLoadException($"'{other}' is not an ONNX encoder task; these are: {string.Join(", ", Tasks)}."),
    };
}
