using System.ComponentModel;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using Microsoft.SemanticKernel;

namespace HfPipelines.SemanticKernel.Plugins;

/// <summary>Text generation with a local language model as a kernel function. Thread-safe.</summary>
public sealed class GenerationPlugin
{
    private readonly IPipelineProvider _provider;
    private readonly HfPipelinesOptions _options;

    /// <summary>Creates the plugin.</summary>
    /// <param name="provider">Gives the pipelines.</param>
    /// <param name="options">The model per task; null for the defaults.</param>
    public GenerationPlugin(IPipelineProvider provider, HfPipelinesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
        _options = options ?? new HfPipelinesOptions();
    }

    /// <summary>Continues a prompt.</summary>
    /// <param name="prompt">The prompt.</param>
    /// <param name="maxNewTokens">How many tokens to generate at most.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The generated text (without the prompt).</returns>
    [KernelFunction("generate")]
    [Description("Write new text that continues a prompt with the configured text-generation model (a draft, a story, a continuation). Returns only the new text.")]
    public async Task<TextGenerationResult> GenerateAsync(
        [Description("The prompt to continue.")] string prompt,
        [Description("How many tokens to generate at most.")] int maxNewTokens = 256,
        CancellationToken cancellationToken = default)
    {
        var options = new TextGenerationOptions { MaxNewTokens = maxNewTokens, ReturnFullText = false };
        var pipeline = await _provider.GetTextGenerationAsync(_options.ModelFor(PipelineTasks.TextGeneration), cancellationToken).ConfigureAwait(false);
        return await pipeline.RunAsync(prompt, options, cancellationToken).ConfigureAwait(false);
    }
}
