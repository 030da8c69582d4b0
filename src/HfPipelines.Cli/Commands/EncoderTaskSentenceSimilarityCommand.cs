using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HfPipelines.Onnx;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp sentence-similarity --source S --sentences a,b</c>: one cosine similarity per sentence.</summary>
internal static class EncoderTaskSentenceSimilarityCommand
{
    public static Command Create(CliContext context)
    {
        var (model, threads, json) = (EncoderTaskCommands.Model(), EncoderTaskCommands.Threads(), EncoderTaskCommands.Json());
        var source = new Option<string>("--source") { Description = "The source sentence; '-' reads stdin.", Required = true };
        var sentences = new Option<string>("--sentences") { Description = "Comma-separated sentences to compare with the source.", Required = true };
        var command = new Command(PipelineTasks.SentenceSimilarity, "Score how similar sentences are to a source sentence.") { model, threads, json, source, sentences };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(source)!;
            text = text == "-" ? (await Console.In.ReadToEndAsync(ct).ConfigureAwait(false)).TrimEnd('\r', '\n') : text;
            using var pipeline = OnnxPipelines.CreateSentenceSimilarity(parse.GetValue(model)!, EncoderTaskCommands.Options(parse, threads));
            var others = EncoderTaskCommands.SplitList(parse.GetValue(sentences));
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
