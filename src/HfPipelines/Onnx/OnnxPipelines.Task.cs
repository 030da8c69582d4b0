using HfPipelines.Tasks;
using HfPipelines.Tokenization;

namespace HfPipelines.Onnx;

/// <summary>Creation by task name, for providers that resolve the task at run time, optionally over a shared model.</summary>
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
    public static IDisposable Create(string task, string modelFolder, OnnxPipelineOptions? options = null)
    {
        var name = EncoderTask(task);
        return Build(modelFolder, Tokenizer(modelFolder), options, config => HeadFor(name, config), c => CreateFor(name, c));
    }

    /// <summary>Creates the pipeline of an encoder task over a model that is already loaded and shared with other
    /// pipelines (e.g. feature-extraction and sentence-similarity on one embedding model: one session for both).</summary>
    /// <param name="task">The task name or alias.</param>
    /// <param name="modelFolder">The model folder (for config.json and the sentence-transformers files).</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="sharedModel">The loaded model; borrowed: disposing the pipeline leaves it loaded.</param>
    /// <param name="options">Batching options, or null for the defaults (session options are the model's own).</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="UnknownTaskException">The name is no task.</exception>
    /// <exception cref="ModelLoadException">The task is not an encoder task, config.json is missing, or the graph does not fit.</exception>
    public static IDisposable Create(string task, string modelFolder, ITextTokenizer tokenizer, OnnxModel sharedModel, OnnxPipelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(sharedModel);
        var name = EncoderTask(task);
        var context = new EncoderContext(sharedModel, ownsModel: false, tokenizer, EncoderModelConfig.Load(modelFolder), options ?? new OnnxPipelineOptions());
        return CreateFor(name, context);
    }

    private static string EncoderTask(string task)
    {
        var name = PipelineTasks.Resolve(task).Name;
        return Tasks.Contains(name) ? name : throw new ModelLoadException($"'{name}' is not an ONNX encoder task; these are: {string.Join(", ", Tasks)}.");
    }

    /// <summary>The head a safetensors checkpoint is built with for an encoder task.</summary>
    private static Safetensors.EncoderHead HeadFor(string task, EncoderModelConfig config) => task switch
    {
        PipelineTaskNames.TextClassification => Safetensors.EncoderHead.SequenceClassification,
        PipelineTaskNames.ZeroShotClassification => ZeroShotHead(config),
        PipelineTaskNames.TokenClassification => Safetensors.EncoderHead.TokenClassification,
        PipelineTaskNames.QuestionAnswering => Safetensors.EncoderHead.QuestionAnswering,
        PipelineTaskNames.FillMask => Safetensors.EncoderHead.MaskedLM,
        _ => Safetensors.EncoderHead.BaseModel,
    };

    private static IDisposable CreateFor(string task, EncoderContext context) => task switch
    {
        PipelineTaskNames.TextClassification => new TextClassificationPipeline(context),
        PipelineTaskNames.ZeroShotClassification => ZeroShot(context),
        PipelineTaskNames.TokenClassification => new TokenClassificationPipeline(context),
        PipelineTaskNames.QuestionAnswering => new QuestionAnsweringPipeline(context),
        PipelineTaskNames.FillMask => new FillMaskPipeline(context),
        PipelineTaskNames.FeatureExtraction => new FeatureExtractionPipeline(context),
        _ => new SentenceSimilarityPipeline(context),
    };
}
