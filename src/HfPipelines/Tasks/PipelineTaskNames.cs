namespace HfPipelines.Tasks;

/// <summary>The Hugging Face names of the built-in tasks, as constants (for <c>switch</c> and attributes); the typed
/// descriptors are in <see cref="PipelineTasks"/>.</summary>
public static class PipelineTaskNames
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
}
