using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using HfPipelines.Pipelines;

namespace HfPipelines.Tasks;

/// <summary>
/// The built-in pipeline tasks, as typed descriptors (each defined in its own <c>Tasks/&lt;Task&gt;/</c> folder):
/// <c>provider.GetAsync(PipelineTasks.ZeroShotClassification, model)</c> is typed at compile time, and a descriptor goes
/// wherever a task name does. Resolving an unknown name throws <see cref="UnknownTaskException"/>. Thread-safe (immutable).
/// </summary>
public static partial class PipelineTasks
{
    /// <summary><c>text-classification</c> (alias <c>sentiment-analysis</c>).</summary>
    public static TextClassificationTask TextClassification { get; } = new();

    /// <summary><c>zero-shot-classification</c>.</summary>
    public static ZeroShotClassificationTask ZeroShotClassification { get; } = new();

    /// <summary><c>token-classification</c> (alias <c>ner</c>).</summary>
    public static TokenClassificationTask TokenClassification { get; } = new();

    /// <summary><c>question-answering</c>.</summary>
    public static QuestionAnsweringTask QuestionAnswering { get; } = new();

    /// <summary><c>fill-mask</c>.</summary>
    public static FillMaskTask FillMask { get; } = new();

    /// <summary><c>feature-extraction</c> (alias <c>embeddings</c>).</summary>
    public static FeatureExtractionTask FeatureExtraction { get; } = new();

    /// <summary><c>sentence-similarity</c>.</summary>
    public static SentenceSimilarityTask SentenceSimilarity { get; } = new();

    /// <summary><c>summarization</c>.</summary>
    public static SummarizationTask Summarization { get; } = new();

    /// <summary><c>translation</c> (and <c>translation_xx_to_yy</c>).</summary>
    public static TranslationTask Translation { get; } = new();

    /// <summary><c>text-generation</c>.</summary>
    public static TextGenerationTask TextGeneration { get; } = new();

    /// <summary><c>image-classification</c>.</summary>
    public static ImageClassificationTask ImageClassification { get; } = new();

    /// <summary><c>automatic-speech-recognition</c> (alias <c>asr</c>).</summary>
    public static SpeechRecognitionTask AutomaticSpeechRecognition { get; } = new();

    /// <summary>Every built-in task, in a stable order.</summary>
    public static IReadOnlyList<PipelineTask> All { get; } =
    [
        TextClassification, ZeroShotClassification, TokenClassification, QuestionAnswering, FillMask, FeatureExtraction,
        SentenceSimilarity, Summarization, Translation, TextGeneration, ImageClassification, AutomaticSpeechRecognition,
    ];

    /// <summary>Resolves a built-in task name or alias (see <see cref="PipelineTaskCatalog.Resolve"/>).</summary>
    /// <param name="name">A Hugging Face task name, an alias, or <c>translation_xx_to_yy</c>.</param>
    /// <returns>The task.</returns>
    /// <exception cref="UnknownTaskException">The name is not known; the message lists the valid names.</exception>
    public static PipelineTask Resolve(string name) => PipelineTaskCatalog.Default.Resolve(name);

    /// <summary>Resolves a built-in task name or alias without throwing.</summary>
    /// <param name="name">The name.</param>
    /// <param name="task">The task, when found.</param>
    /// <returns>True when the name is known.</returns>
    public static bool TryResolve(string? name, [NotNullWhen(true)] out PipelineTask? task) =>
        PipelineTaskCatalog.Default.TryResolve(name, out task);

    /// <summary>Reads the languages from a <c>translation_xx_to_yy</c> task name.</summary>
    /// <param name="name">The task name.</param>
    /// <param name="sourceLanguage">The source language code.</param>
    /// <param name="targetLanguage">The target language code.</param>
    /// <returns>True when the name has the form <c>translation_xx_to_yy</c>.</returns>
    public static bool TryParseTranslationPair(string name, out string sourceLanguage, out string targetLanguage)
    {
        var match = TranslationPairPattern().Match(name?.Trim().ToLowerInvariant() ?? string.Empty);
        sourceLanguage = match.Success ? match.Groups[1].Value : string.Empty;
        targetLanguage = match.Success ? match.Groups[2].Value : string.Empty;
        return match.Success;
    }

    [GeneratedRegex("^translation_([a-z]{2,3}(?:[-_][a-z0-9]+)?)_to_([a-z]{2,3}(?:[-_][a-z0-9]+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex TranslationPairPattern();
}
