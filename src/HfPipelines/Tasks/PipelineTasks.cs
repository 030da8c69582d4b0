using System.Text.RegularExpressions;

namespace HfPipelines.Tasks;

/// <summary>
/// The one list of pipeline tasks, by their Hugging Face names and aliases. Resolving an unknown
/// name throws <see cref="UnknownTaskException"/> listing the valid ones. Thread-safe (immutable).
/// </summary>
public static partial class PipelineTasks
{
    /// <summary><c>text-classification</c> (alias <c>sentiment-analysis</c>).</summary>
    public const string TextClassification = "text-classification";

    /// <summary><c>zero-shot-classification</c>.</summary>
    public const string ZeroShotClassification = "zero-shot-classification";

    /// <summary><c>token-classification</c> (alias <c>ner</c>).</summary>
    public const string TokenClassification = "token-classification";

    /// <summary><c>question-answering</c>.</summary>
    public const string QuestionAnswering = "question-answering";

    /// <summary><c>fill-mask</c>.</summary>
    public const string FillMask = "fill-mask";

    /// <summary><c>feature-extraction</c> (alias <c>embeddings</c>).</summary>
    public const string FeatureExtraction = "feature-extraction";

    /// <summary><c>sentence-similarity</c>.</summary>
    public const string SentenceSimilarity = "sentence-similarity";

    /// <summary><c>summarization</c>.</summary>
    public const string Summarization = "summarization";

    /// <summary><c>translation</c> (and <c>translation_xx_to_yy</c>).</summary>
    public const string Translation = "translation";

    /// <summary><c>text-generation</c>.</summary>
    public const string TextGeneration = "text-generation";

    /// <summary><c>image-classification</c>.</summary>
    public const string ImageClassification = "image-classification";

    /// <summary><c>automatic-speech-recognition</c> (alias <c>asr</c>).</summary>
    public const string AutomaticSpeechRecognition = "automatic-speech-recognition";

    /// <summary>Every task, in a stable order.</summary>
    public static IReadOnlyList<PipelineTaskInfo> All { get; } =
    [
        new(TextClassification, ["sentiment-analysis"], TaskInputKind.Text, "Classify a text (or a text pair) into the model's labels."),
        new(ZeroShotClassification, [], TaskInputKind.Text, "Classify a text into labels given at call time."),
        new(TokenClassification, ["ner"], TaskInputKind.Text, "Find named entities (or other token labels) with character offsets."),
        new(QuestionAnswering, [], TaskInputKind.Text, "Extract the answer to a question from a context."),
        new(FillMask, [], TaskInputKind.Text, "Predict the masked token(s) in a text."),
        new(FeatureExtraction, ["embeddings"], TaskInputKind.Text, "Embed texts as vectors."),
        new(SentenceSimilarity, [], TaskInputKind.Text, "Score how similar sentences are to a source sentence."),
        new(Summarization, [], TaskInputKind.Text, "Summarize a text."),
        new(Translation, [], TaskInputKind.Text, "Translate a text (also translation_xx_to_yy)."),
        new(TextGeneration, [], TaskInputKind.Text, "Continue a prompt or answer a chat."),
        new(ImageClassification, [], TaskInputKind.Image, "Classify an image into the model's labels."),
        new(AutomaticSpeechRecognition, ["asr"], TaskInputKind.Audio, "Transcribe speech, with optional timestamps."),
    ];

    /// <summary>Resolves a task name or alias to its task.</summary>
    /// <param name="name">A Hugging Face task name, an alias, or <c>translation_xx_to_yy</c>.</param>
    /// <returns>The task.</returns>
    /// <exception cref="UnknownTaskException">The name is not known; the message lists the valid names.</exception>
    public static PipelineTaskInfo Resolve(string name)
    {
        if (TryResolve(name, out var task))
        {
            return task;
        }

        throw new UnknownTaskException(
            $"Unknown pipeline task '{name}'. Valid tasks: {string.Join(", ", All.Select(Describe))}, and translation_xx_to_yy.")
        {
            TaskName = name,
        };
    }

    /// <summary>Resolves a task name or alias without throwing.</summary>
    /// <param name="name">The name.</param>
    /// <param name="task">The task, when found.</param>
    /// <returns>True when the name is known.</returns>
    public static bool TryResolve(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PipelineTaskInfo? task)
    {
        task = null;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        var trimmed = name.Trim().ToLowerInvariant();
        if (TranslationPairPattern().IsMatch(trimmed))
        {
            trimmed = Translation;
        }

        task = All.FirstOrDefault(t => t.Name == trimmed || t.Aliases.Contains(trimmed));
        return task is not null;
    }

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

    private static string Describe(PipelineTaskInfo task) =>
        task.Aliases.Count == 0 ? task.Name : $"{task.Name} ({string.Join(", ", task.Aliases)})";

    [GeneratedRegex("^translation_([a-z]{2,3}(?:[-_][a-z0-9]+)?)_to_([a-z]{2,3}(?:[-_][a-z0-9]+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex TranslationPairPattern();
}
