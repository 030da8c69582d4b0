using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Onnx;

/// <summary>The image-classification entry of the ONNX Runtime pipeline factory.</summary>
public static partial class OnnxPipelines
{
    /// <summary>
    /// image-classification from a model folder (model.onnx or onnx/model.onnx, config.json id2label,
    /// preprocessor_config.json) or an .onnx file. Uses <see cref="OnnxPipelineOptions.Session"/>,
    /// <see cref="OnnxPipelineOptions.ModelFile"/> and <see cref="OnnxPipelineOptions.BatchSize"/>; for labels
    /// files or an explicit processor config use <see cref="ImageClassificationPipeline.Create"/>.
    /// </summary>
    /// <param name="modelFolder">The model folder or .onnx file.</param>
    /// <param name="options">Loading and batching options, or null for the defaults.</param>
    /// <returns>The pipeline; it owns its model.</returns>
    public static IPipeline<ImageInput, ImageClassificationOptions, IReadOnlyList<ClassificationLabel>> CreateImageClassification(
        string modelFolder, OnnxPipelineOptions? options = null)
    {
        options ??= new OnnxPipelineOptions();
        return ImageClassificationPipeline.Create(modelFolder, new ImageClassificationPipelineOptions
        {
            Session = options.Session,
            ModelFile = options.ModelFile,
            BatchSize = options.BatchSize,
        });
    }
}
