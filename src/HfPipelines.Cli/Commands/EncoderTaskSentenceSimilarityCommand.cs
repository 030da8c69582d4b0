using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp sentence-similarity --source S --sentences a,b</c>: one cosine similarity per sentence.</summary>
internal static class EncoderTaskSentenceSimilarityCommand
{
    public static Command Create(CliContext context)
    {
        var (model, json) = (EncoderTaskCommands.Model(), EncoderTaskCommands.Json());
        var backends = new TaskCommandOptions();
        var source = new Option<string>("--source") { Description = "The source sentence; '-' reads stdin.", Required = true };
        var sentences = EncoderTaskCommands.ListOption("--sentences", "Sentences to compare with the source", required: true);
        var command = new Command(PipelineTasks.SentenceSimilarity, "Score how similar sentences are to a source sentence.") { model, backends.Backend, backends.Endpoint, backends.EndpointKind, json, source, sentences };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(source)!;
            text = (await TaskCommandOptions.ReadInputsAsync(context, [text], ct).ConfigureAwait(false))[0];
            using var lease = EncoderTaskCommands.Lease(context, parse, backends);
            var pipeline = await lease.Provider.GetSentenceSimilarityAsync(parse.GetValue(model), ct).ConfigureAwait(false);
            var others = EncoderTaskCommands.ListValues(parse, sentences);
            var scores = await pipeline.RunAsync(new SentenceSimilarityInput(text, others), null, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(scores)).ConfigureAwait(false);
                return 0;
            }

            for (var i = 0; i < others.Length; i++)
            {
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{scores[i]:0.####}\t{others[i]}")).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
