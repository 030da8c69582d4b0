using HfPipelines.Hub;
using HfPipelines.Pipelines;
using HfPipelines.Safetensors;
using HfPipelines.Tasks;
using HfPipelines.Tokenization;

namespace HfPipelines.Onnx;

/// <summary>
/// Creates the ONNX Runtime encoder pipelines from a local Hugging Face model folder (config.json, tokenizer.json,
/// onnx/model.onnx or model.onnx). Each pipeline owns its model: disposing the pipeline unloads it.
/// </summary>
public static partial class OnnxPipelines
{
    /// <summary>text-classification from a folder and a tokenizer.</summary>
    /// <param name="modelFolder">The model folder.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="options">Loading and batching options, or null for the defaults.</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<string, TextClassificationOptions, IReadOnlyList<ClassificationLabel>> CreateTextClassification(
        string modelFolder, ITextTokenizer tokenizer, OnnxPipelineOptions? options = null) =>
        Build(modelFolder, tokenizer, options, _ => EncoderHead.SequenceClassification, c => new TextClassificationPipeline(c));

    /// <summary>zero-shot-classification from a folder and a tokenizer: NLI when config.json's label2id has an
    /// entailment label, embedding similarity when the folder is a sentence-embedding model.</summary>
    /// <param name="modelFolder">The model folder.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="options">Loading and batching options, or null for the defaults.</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<string, ZeroShotClassificationOptions, ZeroShotClassificationResult> CreateZeroShotClassification(
        string modelFolder, ITextTokenizer tokenizer, OnnxPipelineOptions? options = null) =>
        Build(modelFolder, tokenizer, options, ZeroShotHead, ZeroShot);

    /// <summary>token-classification (ner) from a folder and a tokenizer.</summary>
    /// <param name="modelFolder">The model folder.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="options">Loading and batching options, or null for the defaults.</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<string, TokenClassificationOptions, IReadOnlyList<TokenEntity>> CreateTokenClassification(
        string modelFolder, ITextTokenizer tokenizer, OnnxPipelineOptions? options = null) =>
        Build(modelFolder, tokenizer, options, _ => EncoderHead.TokenClassification, c => new TokenClassificationPipeline(c));

    /// <summary>question-answering from a folder and a tokenizer.</summary>
    /// <param name="modelFolder">The model folder.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="options">Loading and batching options, or null for the defaults.</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<QuestionAnsweringInput, QuestionAnsweringOptions, IReadOnlyList<QuestionAnsweringResult>> CreateQuestionAnswering(
        string modelFolder, ITextTokenizer tokenizer, OnnxPipelineOptions? options = null) =>
        Build(modelFolder, tokenizer, options, _ => EncoderHead.QuestionAnswering, c => new QuestionAnsweringPipeline(c));

    /// <summary>fill-mask from a folder and a tokenizer.</summary>
    /// <param name="modelFolder">The model folder.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="options">Loading and batching options, or null for the defaults.</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<string, FillMaskOptions, IReadOnlyList<IReadOnlyList<FillMaskPrediction>>> CreateFillMask(
        string modelFolder, ITextTokenizer tokenizer, OnnxPipelineOptions? options = null) =>
        Build(modelFolder, tokenizer, options, _ => EncoderHead.MaskedLM, c => new FillMaskPipeline(c));

    /// <summary>feature-extraction (embeddings) from a folder and a tokenizer.</summary>
    /// <param name="modelFolder">The model folder.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="options">Loading and batching options, or null for the defaults.</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<string, FeatureExtractionOptions, FeatureExtractionResult> CreateFeatureExtraction(
        string modelFolder, ITextTokenizer tokenizer, OnnxPipelineOptions? options = null) =>
        Build(modelFolder, tokenizer, options, _ => EncoderHead.BaseModel, c => new FeatureExtractionPipeline(c));

    /// <summary>sentence-similarity from a folder and a tokenizer.</summary>
    /// <param name="modelFolder">The model folder.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="options">Loading and batching options, or null for the defaults.</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<SentenceSimilarityInput, FeatureExtractionOptions, IReadOnlyList<float>> CreateSentenceSimilarity(
        string modelFolder, ITextTokenizer tokenizer, OnnxPipelineOptions? options = null) =>
        Build(modelFolder, tokenizer, options, _ => EncoderHead.BaseModel, c => new SentenceSimilarityPipeline(c));

    private static IPipeline<string, ZeroShotClassificationOptions, ZeroShotClassificationResult> ZeroShot(EncoderContext context) =>
        ZeroShotClassificationPipeline.IsNliModel(context.Config) || !IsEmbeddingModel(context)
            ? new ZeroShotClassificationPipeline(context)
            : new EmbeddingZeroShotClassificationPipeline(context);

    private static bool IsEmbeddingModel(EncoderContext context) =>
        context.Config.IsSentenceTransformer || context.Config.Label2Id is null or { Count: 0 } || (context.Model.Outputs.ContainsKey("last_hidden_state") && !context.Model.Outputs.ContainsKey("logits"));

    /// <summary>A safetensors checkpoint runs zero-shot through its classification head when its labels are NLI's, else as an embedding model.</summary>
    private static EncoderHead ZeroShotHead(EncoderModelConfig config) =>
        ZeroShotClassificationPipeline.IsNliModel(config) ? EncoderHead.SequenceClassification : EncoderHead.BaseModel;

    private static TPipeline Build<TPipeline>(
        string modelFolder, ITextTokenizer tokenizer, OnnxPipelineOptions? options, Func<EncoderModelConfig, EncoderHead> head, Func<EncoderContext, TPipeline> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelFolder);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (!Directory.Exists(modelFolder))
        {
            throw new ModelLoadException($"Model folder '{modelFolder}' does not exist. Give a local Hugging Face model folder (config.json, tokenizer.json, onnx/model.onnx).");
        }

        options ??= new OnnxPipelineOptions();
        var config = EncoderModelConfig.Load(modelFolder);
        var model = OnnxModel.Load(ModelFile(modelFolder, options, head(config)), options.Session);
        try
        {
            return create(new EncoderContext(model, ownsModel: true, tokenizer, config, options));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The folder's ONNX file; for a safetensors checkpoint without one, the graph built for the task's head.</summary>
    private static string ModelFile(string modelFolder, OnnxPipelineOptions options, EncoderHead head) =>
        options.ModelFile is null && BuiltEncoderModels.IsCheckpoint(modelFolder)
            ? BuiltEncoderModels.Ensure(modelFolder, head, options.BuiltModelDirectory ?? HubOptions.FromEnvironment().BuiltModelDirectory, options.BuildNotice)
            : EncoderModelFolder.FindOnnxFile(modelFolder, options.ModelFile);
}
