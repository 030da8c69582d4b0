using System.ComponentModel;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using Microsoft.SemanticKernel;

namespace HfPipelines.SemanticKernel.Plugins;

/// <summary>Image classification as a kernel function; images are read from local paths or file:// URIs. Thread-safe.</summary>
public sealed class VisionPlugin
{
    private readonly IPipelineProvider _provider;
    private readonly HfPipelinesOptions _options;

    /// <summary>Creates the plugin.</summary>
    /// <param name="provider">Gives the pipelines.</param>
    /// <param name="options">The model per task; null for the defaults.</param>
    public VisionPlugin(IPipelineProvider provider, HfPipelinesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
        _options = options ?? new HfPipelinesOptions();
    }

    /// <summary>Says what an image shows, as the model's labels with scores.</summary>
    /// <param name="image">A local path or file:// URI of the image.</param>
    /// <param name="topK">How many labels to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Labels with scores, best first.</returns>
    [KernelFunction("classify_image")]
    [Description("Say what an image file shows (its main object, e.g. \"tabby cat\"), as labels with scores, best first. Use it whenever the user names a picture or photo file.")]
    public async Task<IReadOnlyList<ClassificationLabel>> ClassifyImageAsync(
        [Description("The image file: a local path such as \"photos/cat.jpg\" or a file:// URI.")] string image,
        [Description("How many labels to return.")] int topK = 5,
        CancellationToken cancellationToken = default)
    {
        var input = PipelineTasks.ImageClassification.ParseInput(image);
        var pipeline = await _provider.GetImageClassificationAsync(_options.ModelFor(PipelineTasks.ImageClassification), cancellationToken).ConfigureAwait(false);
        return await pipeline.RunAsync(input, new ImageClassificationOptions { TopK = topK }, cancellationToken).ConfigureAwait(false);
    }
}
