using System.CommandLine;
using System.Globalization;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp text-classification</c> (alias <c>sentiment-analysis</c>).</summary>
internal static class EncoderTaskTextClassificationCommand
{
    public static Command Create(CliContext context)
    {
        var (model, json, texts) = (EncoderTaskCommands.Model(), EncoderTaskCommands.Json(), EncoderTaskCommands.Texts());
        var backends = new TaskCommandOptions();
        var topK = new Option<int?>("--top-k") { Description = "How many labels, best first (default 1; 0 for all)." };
        var function = new Option<ClassificationFunction>("--function-to-apply") { Description = "softmax, sigmoid, none (default: from the model config)." };
        var pair = new Option<string?>("--text-pair") { Description = "A second text, classified with the first as a pair." };
        var command = new Command(PipelineTasks.TextClassification, "Classify texts with a sequence-classification model.") { model, backends.Backend, backends.Endpoint, backends.EndpointKind, json, topK, function, pair, texts };
        command.Aliases.Add("sentiment-analysis");
        command.SetAction(async (parse, ct) =>
        {
            var inputs = await TaskCommandOptions.ReadInputsAsync(context, parse.GetValue(texts), ct).ConfigureAwait(false);
            using var lease = EncoderTaskCommands.Lease(context, parse, backends);
            var pipeline = await lease.Provider.GetTextClassificationAsync(parse.GetValue(model), ct).ConfigureAwait(false);
            var options = new TextClassificationOptions { TopK = parse.GetValue(topK), FunctionToApply = parse.GetValue(function), TextPair = parse.GetValue(pair) };
            var results = await pipeline.RunBatchAsync(inputs, options, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await TaskCommandOptions.WriteJsonAsync(context, results).ConfigureAwait(false);
                return 0;
            }

            foreach (var label in results.SelectMany(r => r))
            {
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{label.Label}\t{label.Score:0.####}")).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
