using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Tokenization;

namespace HfPipelines.Onnx;

/// <summary>The overloads that read the tokenizer from the model folder too.</summary>
public static partial class OnnxPipelines
{
    /// <summary>text-classification (sentiment-analysis) from a model folder.</summary>
    /// <param name="modelFolder">The model folder (config.json, tokenizer.json, onnx/model.onnx).</param>
    /// <param name="options">Loading and batching options, or null for the defaults.</param>
    /// <returns>The pipeline; disposing it unloads the model.</returns>
    /// <exception cref="ModelLoadException">A file is missing or the graph does not fit the task.</exception>
    public static IPipeline<string, TextClassificationOptions, IReadOnlyList<ClassificationLabel>> CreateTextClassification(string modelFolder, OnnxPipelineOptions? options = null) =>
        CreateTextClassification(modelFolder, Tokenizer(modelFolder), options);

    /// <summary>zero-shot-classification from a model folder (NLI, or embedding similarity for a sentence-embedding model).</summary>
    /// <param name="modelFolder">The model folder.</param>
    /// <param name="options">Loading and batching options, or null for the defaults.</param>
    /// <returns>The pipeline; disposing it unloads the model.</returns>
    /// <exception cref="ModelLoadException">A file is missing or the graph does not fit the task.</exception>
    public static IPipeline<string, ZeroShotClassificationOptions, ZeroShotClassificationResult> CreateZeroShotClassification(string modelFolder, OnnxPipelineOptions? options = null) =>
        CreateZeroShotClassification(modelFolder, Tokenizer(modelFolder), options);

    /// <summary>token-classification (ner) from a model folder.</summary>
    /// <param name="modelFolder">The model folder.</param>
    /// <param name="options">Loading and batching options, or null for the defaults.</param>
    /// <returns>The pipeline; disposing it unloads the model.</returns>
    /// <exception cref="ModelLoadException">A file is missing or the graph does not fit the task.</exception>
    public static IPipeline<string, TokenClassificationOptions, IReadOnlyList<TokenEntity>> CreateTokenClassification(string modelFolder, OnnxPipelineOptions? options = null) =>
        CreateTokenClassification(modelFolder, Tokenizer(modelFolder), options);

    /// <summary>question-answering from a model folder.</summary>
    /// <param name="modelFolder">The model folder.</param>
    /// <param name="options">Loading and batching options, or null for the defaults.</param>
    /// <returns>The pipeline; disposing it unloads the model.</returns>
    /// <exception cref="ModelLoadException">A file is missing or the graph does not fit the task.</exception>
    public static IPipeline<QuestionAnsweringInput, QuestionAnsweringOptions, IReadOnlyList<QuestionAnsweringResult>> CreateQuestionAnswering(string modelFolder, OnnxPipelineOptions? options = null) =>
        CreateQuestionAnswering(modelFolder, Tokenizer(modelFolder), options);

    /// <summary>fill-mask from a model folder.</summary>
    /// <param name="modelFolder">The model folder.</param>
    /// <param name="options">Loading and batching options, or null for the defaults.</param>
    /// <returns>The pipeline; disposing it unloads the model.</returns>
    /// <exception cref="ModelLoadException">A file is missing or the graph does not fit the task.</exception>
    public static IPipeline<string, FillMaskOptions, IReadOnlyList<IReadOnlyList<FillMaskPrediction>>> CreateFillMask(string modelFolder, OnnxPipelineOptions? options = null) =>
        CreateFillMask(modelFolder, Tokenizer(modelFolder), options);

    /// <summary>feature-extraction (embeddings) from a model folder.</summary>
    /// <param name="modelFolder">The model folder.</param>
    /// <param name="options">Loading and batching options, or null for the defaults.</param>
    /// <returns>The pipeline; disposing it unloads the model.</returns>
    /// <exception cref="ModelLoadException">A file is missing or the graph does not fit the task.</exception>
    public static IPipeline<string, FeatureExtractionOptions, FeatureExtractionResult> CreateFeatureExtraction(string modelFolder, OnnxPipelineOptions? options = null) =>
        CreateFeatureExtraction(modelFolder, Tokenizer(modelFolder), options);

    /// <summary>sentence-similarity from a model folder.</summary>
    /// <param name="modelFolder">The model folder.</param>
    /// <param name="options">Loading and batching options, or null for the defaults.</param>
    /// <returns>The pipeline; disposing it unloads the model.</returns>
    /// <exception cref="ModelLoadException">A file is missing or the graph does not fit the task.</exception>
    public static IPipeline<SentenceSimilarityInput, FeatureExtractionOptions, IReadOnlyList<float>> CreateSentenceSimilarity(string modelFolder, OnnxPipelineOptions? options = null) =>
        CreateSentenceSimilarity(modelFolder, Tokenizer(modelFolder), options);

    private static HfTokenizer Tokenizer(string modelFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelFolder);
        if (!Directory.Exists(modelFolder))
        {
            throw new ModelLoadException($"Model folder '{modelFolder}' does not exist. Give a local Hugging Face model folder (config.json, tokenizer.json, onnx/model.onnx).");
        }

        return HfTokenizer.FromFolder(modelFolder);
    }
}
