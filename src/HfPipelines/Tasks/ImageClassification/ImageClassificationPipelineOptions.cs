using HfPipelines.Images;
using HfPipelines.Onnx;

namespace HfPipelines.Tasks;

/// <summary>How an <see cref="ImageClassificationPipeline"/> is built (model-level settings, fixed for its life).</summary>
public sealed class ImageClassificationPipelineOptions
{
    private int _batchSize = 1;

    /// <summary>
    /// The preprocessing. Default null: the model folder's <c>preprocessor_config.json</c>, else
    /// <see cref="ImageProcessorConfig.ImageNet"/> (resize 256, centre crop 224, ImageNet mean/std).
    /// </summary>
    public ImageProcessorConfig? ProcessorConfig { get; set; }

    /// <summary>
    /// A labels file (JSON array, JSON object id to label, or text with one label per line or
    /// <c>{0: 'tench', ...}</c>). Default null: <c>id2label</c> of config.json, else a single
    /// <c>*labels*.json</c> / <c>*labels*.txt</c> beside the model (JSON first), else <c>LABEL_i</c>.
    /// </summary>
    public string? LabelsPath { get; set; }

    /// <summary>How many images run in one model call (transformers' <c>batch_size</c>). Default 1; at least 1.</summary>
    public int BatchSize
    {
        get => _batchSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(BatchSize));
            _batchSize = value;
        }
    }

    /// <summary>ONNX Runtime session settings (threads, graph optimisation, execution provider). Default: <see cref="OnnxSessionOptions"/> defaults.</summary>
    public OnnxSessionOptions Session { get; set; } = new();

    /// <summary>The ONNX file when a folder holds several, relative to the folder (e.g. <c>onnx/model_quantized.onnx</c>). Default null: model.onnx, onnx/model.onnx, or the only .onnx file.</summary>
    public string? ModelFile { get; set; }

    /// <summary>Decode limits (pixel cap, reduced JPEG / WebP decode). Default: <see cref="ImageDecodeOptions"/> defaults.</summary>
    public ImageDecodeOptions Decode { get; set; } = new();

    /// <summary>
    /// Let ONNX Runtime's idle threads spin between operators (its own default). Default false: they sleep, leaving the
    /// cores to the images decoded meanwhile. Internal: kept for the side-by-side benchmark's comparison.
    /// </summary>
    internal bool OrtSpinning { get; set; }
}
