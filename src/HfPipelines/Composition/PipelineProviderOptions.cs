using HfPipelines.Pipelines;
namespace HfPipelines.Composition;

/// <summary>Settings of <see cref="PipelineProvider"/>.</summary>
public sealed class PipelineProviderOptions
{
    /// <summary>The model used for a task when the caller names none (task name -> model reference).
    /// Default: feature-extraction, sentence-similarity and zero-shot-classification use the embedded
    /// <c>sentence-transformers/all-MiniLM-L6-v2</c>.</summary>
    public IDictionary<string, string> DefaultModels { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [HfPipelines.Tasks.PipelineTaskNames.FeatureExtraction] = EmbeddedModelId,
        [HfPipelines.Tasks.PipelineTaskNames.SentenceSimilarity] = EmbeddedModelId,
        [HfPipelines.Tasks.PipelineTaskNames.ZeroShotClassification] = EmbeddedModelId,
        [HfPipelines.Tasks.PipelineTaskNames.Summarization] = EmbeddedModelId,
    };

    /// <summary>The tasks the provider knows (by default the built-in ones); an application adds its own with
    /// <see cref="PipelineTaskCatalog.With"/>. A task's <see cref="PipelineTask.DefaultModel"/> is used when neither the
    /// caller nor <see cref="DefaultModels"/> names a model.</summary>
    public PipelineTaskCatalog Tasks { get; set; } = PipelineTaskCatalog.Default;

    /// <summary>The Hub id of the model shipped with the library.</summary>
    public const string EmbeddedModelId = "sentence-transformers/all-MiniLM-L6-v2";
}
