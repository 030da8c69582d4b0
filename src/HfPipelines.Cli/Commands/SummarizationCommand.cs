using System.CommandLine;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp summarization</c>.</summary>
internal static class SummarizationCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new TaskCommandOptions();
        var texts = new Argument<string[]>("text") { Description = "Text(s) to summarize; '-' reads stdin.", Arity = ArgumentArity.OneOrMore };
        var minLength = (new Option<int?>("--min-length") { Description = "Shortest summary in tokens (words for the extractive summarizer)." }).AtLeast(0);
        var maxLength = (new Option<int?>("--max-length") { Description = "Longest summary in tokens (words for the extractive summarizer)." }).AtLeast(1);
        var maxNewTokens = (new Option<int?>("--max-new-tokens") { Description = "Most generated tokens; overrides --max-length." }).AtLeast(1);
        var numBeams = (new Option<int?>("--num-beams") { Description = "Beam width (1: greedy)." }).AtLeast(1);
        var byChunks = new Option<bool>("--by-chunks") { Description = "Summarize long documents chunk by chunk, then the summaries, instead of truncating." };
        var generate = new GenerationCommandOptions();
        var command = generate.AddTo(shared.AddTo(new Command(PipelineTasks.Summarization, "Summarize texts (encoder-decoder model, or extractive with an embedding model).") { texts, minLength, maxLength, maxNewTokens, numBeams, byChunks }), withMinLength: false);
        command.SetAction((parse, ct) => shared.RunAsync(context, parse, async (provider, model) =>
        {
            var inputs = await TaskCommandOptions.ReadInputsAsync(context, parse.GetValue(texts), ct).ConfigureAwait(false);
            var pipeline = await provider.GetSummarizationAsync(model, ct).ConfigureAwait(false);
            var options = new SummarizationOptions
            {
                MinLength = parse.GetValue(minLength),
                MaxLength = parse.GetValue(maxLength),
                MaxNewTokens = parse.GetValue(maxNewTokens),
                NumBeams = parse.GetValue(numBeams),
                SummarizeLongDocumentsByChunks = parse.GetValue(byChunks),
            };
            generate.Fill(parse, options);
            var results = await pipeline.RunBatchAsync(inputs, options, ct).ConfigureAwait(false);
            if (parse.GetValue(shared.Json))
            {
                await TaskCommandOptions.WriteJsonAsync(context, results).ConfigureAwait(false);
                return;
            }

            for (var n = 0; n < results.Count; n++)
            {
                await PlainOutput.WriteHeaderAsync(context.Out, inputs, n).ConfigureAwait(false);
                await context.Out.WriteLineAsync(results[n].SummaryText).ConfigureAwait(false);
            }
        }));
        return command;
    }
}
