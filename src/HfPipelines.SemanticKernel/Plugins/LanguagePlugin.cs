using System.ComponentModel;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using Microsoft.SemanticKernel;

namespace HfPipelines.SemanticKernel.Plugins;

/// <summary>
/// Summarization, translation, fill-mask and extractive question answering as kernel functions.
/// Pipelines come from the <see cref="IPipelineProvider"/> on first call (the provider shares them). Thread-safe.
/// </summary>
public sealed class LanguagePlugin
{
    private readonly IPipelineProvider _provider;
    private readonly HfPipelinesOptions _options;

    /// <summary>Creates the plugin.</summary>
    /// <param name="provider">Gives the pipelines.</param>
    /// <param name="options">The model per task; null for the defaults.</param>
    public LanguagePlugin(IPipelineProvider provider, HfPipelinesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
        _options = options ?? new HfPipelinesOptions();
    }

    /// <summary>Summarizes a text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="maxLength">The longest summary in tokens, or 0 for the model's default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The summary.</returns>
    [KernelFunction("summarize")]
    [Description("Summarize a long text (an article, a transcript, a report) into a few sentences.")]
    public async Task<SummarizationResult> SummarizeAsync(
        [Description("The text to summarize.")] string text,
        [Description("The longest summary in tokens; 0 keeps the model's default.")] int maxLength = 0,
        CancellationToken cancellationToken = default)
    {
        var options = new SummarizationOptions { MaxLength = maxLength > 0 ? maxLength : null };
        var pipeline = await _provider.GetSummarizationAsync(_options.ModelFor(PipelineTasks.Summarization), cancellationToken).ConfigureAwait(false);
        return await pipeline.RunAsync(text, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Translates a text into another language.</summary>
    /// <param name="text">The text.</param>
    /// <param name="targetLanguage">The language to translate into.</param>
    /// <param name="sourceLanguage">The language of the text, or empty when the model knows it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The translation.</returns>
    [KernelFunction("translate")]
    [Description("Translate a text into another language, e.g. English to French.")]
    public async Task<TranslationResult> TranslateAsync(
        [Description("The text to translate.")] string text,
        [Description("The language to translate into, as a code such as \"fr\" or \"de\".")] string targetLanguage,
        [Description("The language of the text, as a code such as \"en\"; empty when unknown.")] string sourceLanguage = "",
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(targetLanguage))
        {
            throw new InvalidPipelineInputException("'targetLanguage' is empty. Give the language to translate into, e.g. \"fr\".");
        }

        var options = new TranslationOptions
        {
            TargetLanguage = targetLanguage.Trim(),
            SourceLanguage = string.IsNullOrWhiteSpace(sourceLanguage) ? null : sourceLanguage.Trim(),
        };
        var pipeline = await _provider.GetTranslationAsync(_options.ModelFor(PipelineTasks.Translation), cancellationToken).ConfigureAwait(false);
        return await pipeline.RunAsync(text, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Predicts the word hidden behind the mask token.</summary>
    /// <param name="text">The text with the mask token.</param>
    /// <param name="topK">How many predictions to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One list of predictions per mask token.</returns>
    [KernelFunction("fill_mask")]
    [Description("Guess the missing word in a sentence that holds the model's mask token (usually [MASK] or <mask>), e.g. \"Paris is the [MASK] of France.\".")]
    public async Task<IReadOnlyList<IReadOnlyList<FillMaskPrediction>>> FillMaskAsync(
        [Description("The sentence with the mask token in place of the missing word.")] string text,
        [Description("How many guesses to return per mask.")] int topK = 5,
        CancellationToken cancellationToken = default)
    {
        var pipeline = await _provider.GetFillMaskAsync(_options.ModelFor(PipelineTasks.FillMask), cancellationToken).ConfigureAwait(false);
        return await pipeline.RunAsync(text, new FillMaskOptions { TopK = topK }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Extracts the answer to a question from a context text.</summary>
    /// <param name="question">The question.</param>
    /// <param name="context">The text holding the answer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The best answer span with its score and offsets.</returns>
    [KernelFunction("answer_question")]
    [Description("Find the answer to a question inside a given text (extractive: the answer is a span copied from the text). Use it when the user gives a document and asks about it.")]
    public async Task<QuestionAnsweringResult> AnswerQuestionAsync(
        [Description("The question.")] string question,
        [Description("The text that holds the answer.")] string context,
        CancellationToken cancellationToken = default)
    {
        var pipeline = await _provider.GetQuestionAnsweringAsync(_options.ModelFor(PipelineTasks.QuestionAnswering), cancellationToken).ConfigureAwait(false);
        var answers = await pipeline.RunAsync(new QuestionAnsweringInput(question, context), new QuestionAnsweringOptions { TopK = 1 }, cancellationToken).ConfigureAwait(false);
        return answers.Count > 0
            ? answers[0]
            : throw new InvalidPipelineInputException("The question-answering pipeline found no answer span in the context. Give a longer context that holds the answer.");
    }
}
