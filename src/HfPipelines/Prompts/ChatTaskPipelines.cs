using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using Microsoft.Extensions.AI;

namespace HfPipelines.Prompts;

/// <summary>
/// summarization and translation through any <see cref="IChatClient"/> (a local llama.cpp or GenAI model, or a
/// remote one), with the prompts kept as files (<c>prompts/Tasks/Summarize</c>, <c>prompts/Tasks/Translate</c>).
/// </summary>
public static class ChatTaskPipelines
{
    /// <summary>A summarization pipeline over a chat client.</summary>
    /// <param name="client">The chat client (borrowed).</param>
    /// <param name="promptsDirectory">The <c>prompts</c> folder.</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<string, SummarizationOptions, SummarizationResult> CreateSummarization(IChatClient client, string promptsDirectory)
    {
        var template = PromptTemplate.Load(Path.Combine(promptsDirectory, "Tasks", "Summarize"));
        return new ChatTaskPipeline<SummarizationOptions, SummarizationResult>(
            PipelineTasks.Summarization,
            client,
            (text, options) => template.Render(new Dictionary<string, string?>
            {
                ["input"] = text,
                ["max_words"] = (options.MaxNewTokens ?? options.MaxLength)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }),
            options => options.MaxNewTokens ?? options.MaxLength,
            answer => new SummarizationResult(answer));
    }

    /// <summary>A translation pipeline over a chat client.</summary>
    /// <param name="client">The chat client (borrowed).</param>
    /// <param name="promptsDirectory">The <c>prompts</c> folder.</param>
    /// <returns>The pipeline.</returns>
    public static IPipeline<string, TranslationOptions, TranslationResult> CreateTranslation(IChatClient client, string promptsDirectory)
    {
        var template = PromptTemplate.Load(Path.Combine(promptsDirectory, "Tasks", "Translate"));
        return new ChatTaskPipeline<TranslationOptions, TranslationResult>(
            PipelineTasks.Translation,
            client,
            (text, options) => template.Render(new Dictionary<string, string?>
            {
                ["input"] = text,
                ["target_language"] = options.TargetLanguage ?? throw new InvalidPipelineInputException("Translation through a chat model needs a target language (tgt_lang)."),
                ["source_clause"] = options.SourceLanguage is { } source ? $"from {source} " : string.Empty,
            }),
            options => options.MaxNewTokens ?? options.MaxLength,
            answer => new TranslationResult(answer));
    }
}
