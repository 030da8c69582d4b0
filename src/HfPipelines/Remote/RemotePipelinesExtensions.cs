using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Remote;

/// <summary>One typed accessor per task on <see cref="RemotePipelines"/>, mirroring <see cref="PipelineProviderExtensions"/>.</summary>
public static class RemotePipelinesExtensions
{
    /// <summary>text-classification.</summary>
    /// <param name="pipelines">The factory.</param>
    /// <param name="model">The model id.</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<string, TextClassificationOptions, IReadOnlyList<ClassificationLabel>> TextClassification(this RemotePipelines pipelines, string? model = null) =>
        Factory(pipelines).Create<string, TextClassificationOptions, IReadOnlyList<ClassificationLabel>>(PipelineTasks.TextClassification, model);

    /// <summary>zero-shot-classification.</summary>
    /// <param name="pipelines">The factory.</param>
    /// <param name="model">The model id.</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<string, ZeroShotClassificationOptions, ZeroShotClassificationResult> ZeroShotClassification(this RemotePipelines pipelines, string? model = null) =>
        Factory(pipelines).Create<string, ZeroShotClassificationOptions, ZeroShotClassificationResult>(PipelineTasks.ZeroShotClassification, model);

    /// <summary>token-classification.</summary>
    /// <param name="pipelines">The factory.</param>
    /// <param name="model">The model id.</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<string, TokenClassificationOptions, IReadOnlyList<TokenEntity>> TokenClassification(this RemotePipelines pipelines, string? model = null) =>
        Factory(pipelines).Create<string, TokenClassificationOptions, IReadOnlyList<TokenEntity>>(PipelineTasks.TokenClassification, model);

    /// <summary>question-answering.</summary>
    /// <param name="pipelines">The factory.</param>
    /// <param name="model">The model id.</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<QuestionAnsweringInput, QuestionAnsweringOptions, IReadOnlyList<QuestionAnsweringResult>> QuestionAnswering(this RemotePipelines pipelines, string? model = null) =>
        Factory(pipelines).Create<QuestionAnsweringInput, QuestionAnsweringOptions, IReadOnlyList<QuestionAnsweringResult>>(PipelineTasks.QuestionAnswering, model);

    /// <summary>fill-mask.</summary>
    /// <param name="pipelines">The factory.</param>
    /// <param name="model">The model id.</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<string, FillMaskOptions, IReadOnlyList<IReadOnlyList<FillMaskPrediction>>> FillMask(this RemotePipelines pipelines, string? model = null) =>
        Factory(pipelines).Create<string, FillMaskOptions, IReadOnlyList<IReadOnlyList<FillMaskPrediction>>>(PipelineTasks.FillMask, model);

    /// <summary>feature-extraction.</summary>
    /// <param name="pipelines">The factory.</param>
    /// <param name="model">The model id.</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<string, FeatureExtractionOptions, FeatureExtractionResult> FeatureExtraction(this RemotePipelines pipelines, string? model = null) =>
        Factory(pipelines).Create<string, FeatureExtractionOptions, FeatureExtractionResult>(PipelineTasks.FeatureExtraction, model);

    /// <summary>sentence-similarity.</summary>
    /// <param name="pipelines">The factory.</param>
    /// <param name="model">The model id.</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<SentenceSimilarityInput, FeatureExtractionOptions, IReadOnlyList<float>> SentenceSimilarity(this RemotePipelines pipelines, string? model = null) =>
        Factory(pipelines).Create<SentenceSimilarityInput, FeatureExtractionOptions, IReadOnlyList<float>>(PipelineTasks.SentenceSimilarity, model);

    /// <summary>summarization.</summary>
    /// <param name="pipelines">The factory.</param>
    /// <param name="model">The model id.</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<string, SummarizationOptions, SummarizationResult> Summarization(this RemotePipelines pipelines, string? model = null) =>
        Factory(pipelines).Create<string, SummarizationOptions, SummarizationResult>(PipelineTasks.Summarization, model);

    /// <summary>translation.</summary>
    /// <param name="pipelines">The factory.</param>
    /// <param name="model">The model id.</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<string, TranslationOptions, TranslationResult> Translation(this RemotePipelines pipelines, string? model = null) =>
        Factory(pipelines).Create<string, TranslationOptions, TranslationResult>(PipelineTasks.Translation, model);

    /// <summary>text-generation.</summary>
    /// <param name="pipelines">The factory.</param>
    /// <param name="model">The model id (a <c>:provider</c> or <c>:fastest</c> suffix is passed through).</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<string, TextGenerationOptions, TextGenerationResult> TextGeneration(this RemotePipelines pipelines, string? model = null) =>
        Factory(pipelines).Create<string, TextGenerationOptions, TextGenerationResult>(PipelineTasks.TextGeneration, model);

    /// <summary>image-classification.</summary>
    /// <param name="pipelines">The factory.</param>
    /// <param name="model">The model id.</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<ImageInput, ImageClassificationOptions, IReadOnlyList<ClassificationLabel>> ImageClassification(this RemotePipelines pipelines, string? model = null) =>
        Factory(pipelines).Create<ImageInput, ImageClassificationOptions, IReadOnlyList<ClassificationLabel>>(PipelineTasks.ImageClassification, model);

    /// <summary>automatic-speech-recognition.</summary>
    /// <param name="pipelines">The factory.</param>
    /// <param name="model">The model id.</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult> SpeechRecognition(this RemotePipelines pipelines, string? model = null) =>
        Factory(pipelines).Create<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult>(PipelineTasks.AutomaticSpeechRecognition, model);

    private static RemotePipelines Factory(RemotePipelines pipelines)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        return pipelines;
    }
}
