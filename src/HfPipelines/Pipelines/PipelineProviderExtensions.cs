using HfPipelines.Tasks;

namespace HfPipelines.Pipelines;

/// <summary>The typed signature of every task: its input, options and result types, in one place.</summary>
public static class PipelineProviderExtensions
{
    /// <summary>Gets (loading on first use) the pipeline of a task, typed by its descriptor:
    /// <c>await provider.GetAsync(PipelineTasks.ZeroShotClassification, model)</c>.</summary>
    /// <typeparam name="TInput">The task's input type.</typeparam>
    /// <typeparam name="TOptions">The task's options type.</typeparam>
    /// <typeparam name="TResult">The task's result type.</typeparam>
    /// <param name="provider">The provider.</param>
    /// <param name="task">The task's descriptor.</param>
    /// <param name="model">The model reference, or null for the default.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    /// <returns>The pipeline; owned by the provider.</returns>
    public static ValueTask<IPipeline<TInput, TOptions, TResult>> GetAsync<TInput, TOptions, TResult>(
        this IPipelineProvider provider, PipelineTask<TInput, TOptions, TResult> task, string? model = null, CancellationToken cancellationToken = default)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(task);
        return Provider(provider).GetAsync<TInput, TOptions, TResult>(task.Name, model, cancellationToken);
    }

    /// <summary>text-classification: labels best first.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="model">The model reference, or null for the default.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    /// <returns>The pipeline.</returns>
    public static ValueTask<IPipeline<string, TextClassificationOptions, IReadOnlyList<ClassificationLabel>>> GetTextClassificationAsync(
        this IPipelineProvider provider, string? model = null, CancellationToken cancellationToken = default) =>
        Provider(provider).GetAsync<string, TextClassificationOptions, IReadOnlyList<ClassificationLabel>>(PipelineTasks.TextClassification, model, cancellationToken);

    /// <summary>zero-shot-classification.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="model">The model reference, or null for the default.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    /// <returns>The pipeline.</returns>
    public static ValueTask<IPipeline<string, ZeroShotClassificationOptions, ZeroShotClassificationResult>> GetZeroShotClassificationAsync(
        this IPipelineProvider provider, string? model = null, CancellationToken cancellationToken = default) =>
        Provider(provider).GetAsync<string, ZeroShotClassificationOptions, ZeroShotClassificationResult>(PipelineTasks.ZeroShotClassification, model, cancellationToken);

    /// <summary>token-classification / ner: entities with offsets.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="model">The model reference, or null for the default.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    /// <returns>The pipeline.</returns>
    public static ValueTask<IPipeline<string, TokenClassificationOptions, IReadOnlyList<TokenEntity>>> GetTokenClassificationAsync(
        this IPipelineProvider provider, string? model = null, CancellationToken cancellationToken = default) =>
        Provider(provider).GetAsync<string, TokenClassificationOptions, IReadOnlyList<TokenEntity>>(PipelineTasks.TokenClassification, model, cancellationToken);

    /// <summary>question-answering: answers best first (<c>top_k</c> of them).</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="model">The model reference, or null for the default.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    /// <returns>The pipeline.</returns>
    public static ValueTask<IPipeline<QuestionAnsweringInput, QuestionAnsweringOptions, IReadOnlyList<QuestionAnsweringResult>>> GetQuestionAnsweringAsync(
        this IPipelineProvider provider, string? model = null, CancellationToken cancellationToken = default) =>
        Provider(provider).GetAsync<QuestionAnsweringInput, QuestionAnsweringOptions, IReadOnlyList<QuestionAnsweringResult>>(PipelineTasks.QuestionAnswering, model, cancellationToken);

    /// <summary>fill-mask: one list of predictions per mask token, in order.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="model">The model reference, or null for the default.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    /// <returns>The pipeline.</returns>
    public static ValueTask<IPipeline<string, FillMaskOptions, IReadOnlyList<IReadOnlyList<FillMaskPrediction>>>> GetFillMaskAsync(
        this IPipelineProvider provider, string? model = null, CancellationToken cancellationToken = default) =>
        Provider(provider).GetAsync<string, FillMaskOptions, IReadOnlyList<IReadOnlyList<FillMaskPrediction>>>(PipelineTasks.FillMask, model, cancellationToken);

    /// <summary>feature-extraction / embeddings.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="model">The model reference, or null for the default.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    /// <returns>The pipeline.</returns>
    public static ValueTask<IPipeline<string, FeatureExtractionOptions, FeatureExtractionResult>> GetFeatureExtractionAsync(
        this IPipelineProvider provider, string? model = null, CancellationToken cancellationToken = default) =>
        Provider(provider).GetAsync<string, FeatureExtractionOptions, FeatureExtractionResult>(PipelineTasks.FeatureExtraction, model, cancellationToken);

    /// <summary>sentence-similarity: one cosine similarity per sentence.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="model">The model reference, or null for the default.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    /// <returns>The pipeline.</returns>
    public static ValueTask<IPipeline<SentenceSimilarityInput, FeatureExtractionOptions, IReadOnlyList<float>>> GetSentenceSimilarityAsync(
        this IPipelineProvider provider, string? model = null, CancellationToken cancellationToken = default) =>
        Provider(provider).GetAsync<SentenceSimilarityInput, FeatureExtractionOptions, IReadOnlyList<float>>(PipelineTasks.SentenceSimilarity, model, cancellationToken);

    /// <summary>summarization.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="model">The model reference, or null for the default.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    /// <returns>The pipeline.</returns>
    public static ValueTask<IPipeline<string, SummarizationOptions, SummarizationResult>> GetSummarizationAsync(
        this IPipelineProvider provider, string? model = null, CancellationToken cancellationToken = default) =>
        Provider(provider).GetAsync<string, SummarizationOptions, SummarizationResult>(PipelineTasks.Summarization, model, cancellationToken);

    /// <summary>translation.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="model">The model reference, or null for the default.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    /// <returns>The pipeline.</returns>
    public static ValueTask<IPipeline<string, TranslationOptions, TranslationResult>> GetTranslationAsync(
        this IPipelineProvider provider, string? model = null, CancellationToken cancellationToken = default) =>
        Provider(provider).GetAsync<string, TranslationOptions, TranslationResult>(PipelineTasks.Translation, model, cancellationToken);

    /// <summary>text-generation.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="model">The model reference, or null for the default.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    /// <returns>The pipeline.</returns>
    public static ValueTask<IPipeline<string, TextGenerationOptions, TextGenerationResult>> GetTextGenerationAsync(
        this IPipelineProvider provider, string? model = null, CancellationToken cancellationToken = default) =>
        Provider(provider).GetAsync<string, TextGenerationOptions, TextGenerationResult>(PipelineTasks.TextGeneration, model, cancellationToken);

    /// <summary>image-classification: labels best first.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="model">The model reference, or null for the default.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    /// <returns>The pipeline.</returns>
    public static ValueTask<IPipeline<ImageInput, ImageClassificationOptions, IReadOnlyList<ClassificationLabel>>> GetImageClassificationAsync(
        this IPipelineProvider provider, string? model = null, CancellationToken cancellationToken = default) =>
        Provider(provider).GetAsync<ImageInput, ImageClassificationOptions, IReadOnlyList<ClassificationLabel>>(PipelineTasks.ImageClassification, model, cancellationToken);

    /// <summary>automatic-speech-recognition / asr.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="model">The model reference, or null for the default.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    /// <returns>The pipeline.</returns>
    public static ValueTask<IPipeline<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult>> GetSpeechRecognitionAsync(
        this IPipelineProvider provider, string? model = null, CancellationToken cancellationToken = default) =>
        Provider(provider).GetAsync<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult>(PipelineTasks.AutomaticSpeechRecognition, model, cancellationToken);

    private static IPipelineProvider Provider(IPipelineProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider;
    }
}
