namespace HfPipelines.Pipelines;

/// <summary>Settings of <see cref="PipelineProvider"/>.</summary>
public sealed class PipelineProviderOptions
{
    /// <summary>The model used for a task when the caller names none (task name -> model reference).
    /// Default: feature-extraction, sentence-similarity and zero-shot-classification use the embedded
    /// <c>sentence-transformers/all-MiniLM-L6-v2</c>.</summary>
    public IDictionary<string, string> DefaultModels { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [Tasks.PipelineTasks.FeatureExtraction] = EmbeddedModelId,
        [Tasks.PipelineTasks.SentenceSimilarity] = EmbeddedModelId,
        [Tasks.PipelineTasks.ZeroShotClassification] = EmbeddedModelId,
        [Tasks.PipelineTasks.Summarization] = EmbeddedModelId,
    };

    /// <summary>The Hub id of the model shipped with the library.</summary>
    public const string EmbeddedModelId = "sentence-transformers/all-MiniLM-L6-v2";
}
