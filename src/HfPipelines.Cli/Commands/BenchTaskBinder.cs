using HfPipelines.Benchmarking;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Commands;

/// <summary>Gets a task's typed pipeline from the provider, turns the input lines into its inputs and measures it.</summary>
internal static class BenchTaskBinder
{
    public static async Task<BenchmarkResult> RunAsync(IPipelineProvider provider, string task, string? model, IReadOnlyList<string> lines, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        switch (task)
        {
            case PipelineTasks.TextClassification:
                return await MeasureAsync(await provider.GetTextClassificationAsync(model, cancellationToken).ConfigureAwait(false), lines, l => l, options, cancellationToken).ConfigureAwait(false);
            case PipelineTasks.TokenClassification:
                return await MeasureAsync(await provider.GetTokenClassificationAsync(model, cancellationToken).ConfigureAwait(false), lines, l => l, options, cancellationToken).ConfigureAwait(false);
            case PipelineTasks.FillMask:
                return await MeasureAsync(await provider.GetFillMaskAsync(model, cancellationToken).ConfigureAwait(false), lines, l => l, options, cancellationToken).ConfigureAwait(false);
            case PipelineTasks.FeatureExtraction:
                return await MeasureAsync(await provider.GetFeatureExtractionAsync(model, cancellationToken).ConfigureAwait(false), lines, l => l, options, cancellationToken).ConfigureAwait(false);
            case PipelineTasks.Summarization:
                return await MeasureAsync(await provider.GetSummarizationAsync(model, cancellationToken).ConfigureAwait(false), lines, l => l, options, cancellationToken).ConfigureAwait(false);
            case PipelineTasks.Translation:
                return await MeasureAsync(await provider.GetTranslationAsync(model, cancellationToken).ConfigureAwait(false), lines, l => l, options, cancellationToken).ConfigureAwait(false);
            case PipelineTasks.TextGeneration:
                return await MeasureAsync(await provider.GetTextGenerationAsync(model, cancellationToken).ConfigureAwait(false), lines, l => l, options, cancellationToken).ConfigureAwait(false);
            case PipelineTasks.QuestionAnswering:
                return await MeasureAsync(await provider.GetQuestionAnsweringAsync(model, cancellationToken).ConfigureAwait(false), lines, QuestionAndContext, options, cancellationToken).ConfigureAwait(false);
            case PipelineTasks.ImageClassification:
                return await MeasureAsync(await provider.GetImageClassificationAsync(model, cancellationToken).ConfigureAwait(false), lines, ImageInput.FromFile, options, cancellationToken).ConfigureAwait(false);
            case PipelineTasks.AutomaticSpeechRecognition:
                return await MeasureAsync(await provider.GetSpeechRecognitionAsync(model, cancellationToken).ConfigureAwait(false), lines, AudioInput.FromFile, options, cancellationToken).ConfigureAwait(false);
            default:
                throw new HfPipelinesException(
                    $"hfp bench does not support {task} (its inputs need more than one line each). Supported: text-classification, token-classification, fill-mask, "
                    + "feature-extraction, summarization, translation, text-generation, question-answering (question<TAB>context), image-classification, automatic-speech-recognition.");
        }
    }

    private static Task<BenchmarkResult> MeasureAsync<TInput, TOptions, TResult>(
        IPipeline<TInput, TOptions, TResult> pipeline, IReadOnlyList<string> lines, Func<string, TInput> parse, BenchmarkOptions options, CancellationToken cancellationToken)
        where TOptions : class
    {
        var inputs = lines.Select(parse).ToArray();
        return BenchmarkRunner.RunAsync(pipeline.Task, inputs, (batch, ct) => batch.Count == 1
            ? pipeline.RunAsync(batch[0], null, ct)
            : pipeline.RunBatchAsync(batch, null, ct), options, cancellationToken);
    }

    private static QuestionAnsweringInput QuestionAndContext(string line)
    {
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        return tab > 0
            ? new QuestionAnsweringInput(line[..tab], line[(tab + 1)..])
            : throw new HfPipelinesException($"A question-answering line needs a question, a TAB and the context; got: {line}");
    }
}
