using System.ComponentModel;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using Microsoft.SemanticKernel;

namespace HfPipelines.SemanticKernel.Plugins;

/// <summary>
/// Text classification, zero-shot classification and named-entity recognition as kernel functions.
/// Pipelines come from the <see cref="IPipelineProvider"/> on first call (the provider shares them). Thread-safe.
/// </summary>
public sealed class ClassificationPlugin
{
    private readonly IPipelineProvider _provider;
    private readonly HfPipelinesOptions _options;

    /// <summary>Creates the plugin.</summary>
    /// <param name="provider">Gives the pipelines.</param>
    /// <param name="options">The model per task; null for the defaults.</param>
    public ClassificationPlugin(IPipelineProvider provider, HfPipelinesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
        _options = options ?? new HfPipelinesOptions();
    }

    /// <summary>Classifies a text into the model's own labels (e.g. sentiment POSITIVE/NEGATIVE).</summary>
    /// <param name="text">The text.</param>
    /// <param name="topK">How many labels to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Labels with scores, best first.</returns>
    [KernelFunction("classify_text")]
    [Description("Classify a text with the configured classifier's fixed labels (by default sentiment: POSITIVE or NEGATIVE). Use it for sentiment or tone; use classify_zero_shot when you choose the labels yourself.")]
    public async Task<IReadOnlyList<ClassificationLabel>> ClassifyTextAsync(
        [Description("The text to classify.")] string text,
        [Description("How many labels to return, best first.")] int topK = 1,
        CancellationToken cancellationToken = default)
    {
        var pipeline = await _provider.GetTextClassificationAsync(_options.ModelFor(PipelineTasks.TextClassification), cancellationToken).ConfigureAwait(false);
        return await pipeline.RunAsync(text, new TextClassificationOptions { TopK = topK }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Scores a text against labels chosen at call time.</summary>
    /// <param name="text">The text.</param>
    /// <param name="labels">Candidate labels, comma-separated or a JSON array.</param>
    /// <param name="multiLabel">Whether several labels can be true at once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The labels sorted by score.</returns>
    [KernelFunction("classify_zero_shot")]
    [Description("Decide which of the candidate labels you give fits a text best (e.g. is it about sales or support?). Returns the labels sorted by score, best first.")]
    public async Task<ZeroShotClassificationResult> ClassifyZeroShotAsync(
        [Description("The text to classify.")] string text,
        [Description("The candidate labels, separated by commas, e.g. \"sales, support\".")] string labels,
        [Description("True when several labels can apply at once; false picks one.")] bool multiLabel = false,
        CancellationToken cancellationToken = default)
    {
        var options = new ZeroShotClassificationOptions { CandidateLabels = PluginArguments.Labels(labels, nameof(labels)), MultiLabel = multiLabel };
        var pipeline = await _provider.GetZeroShotClassificationAsync(_options.ModelFor(PipelineTasks.ZeroShotClassification), cancellationToken).ConfigureAwait(false);
        return await pipeline.RunAsync(text, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finds named entities (people, organisations, places ...) with their character offsets.</summary>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One entry per entity, word pieces grouped.</returns>
    [KernelFunction("find_entities")]
    [Description("Find the named entities in a text: people (PER), organisations (ORG), locations (LOC) and others, with their character offsets. Use it to extract names from a text.")]
    public async Task<IReadOnlyList<TokenEntity>> FindEntitiesAsync(
        [Description("The text to search for entities.")] string text,
        CancellationToken cancellationToken = default)
    {
        var pipeline = await _provider.GetTokenClassificationAsync(_options.ModelFor(PipelineTasks.TokenClassification), cancellationToken).ConfigureAwait(false);
        return await pipeline.RunAsync(text, new TokenClassificationOptions { AggregationStrategy = AggregationStrategy.Simple }, cancellationToken).ConfigureAwait(false);
    }
}
