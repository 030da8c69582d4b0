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
        var topK = TopKOption.Create("labels", 1);
        var function = new Option<ClassificationFunction>("--function-to-apply") { Description = "softmax, sigmoid, none (default: from the model config)." };
        var pair = new Option<string?>("--text-pair") { Description = "A second text, classified with the first as a pair." };
        var command = new Command(PipelineTasks.TextClassification, "Classify texts with a sequence-classification model.") { model, backends.Backend, backends.Endpoint, backends.EndpointKind, json, topK, function, pair, texts };
        command.Aliases.Add("sentiment-analysis");
        command.SetAction(async (parse, ct) =>
        {
            var inputs = await TaskCommandOptions.ReadInputsAsync(context, parse.GetValue(texts), ct).ConfigureAwait(false);
            using var lease = EncoderTaskCommands.Lease(context, parse, backends);
            var pipeline = await lease.Provider.GetTextClassificationAsync(parse.GetValue(model), ct).ConfigureAwait(false);
            var options = new TextClassificationOptions { TopK = parse.GetResult(topK) is { Implicit: false } ? parse.GetValue(topK) : null, FunctionToApply = parse.GetValue(function), TextPair = parse.GetValue(pair) };
            var results = await pipeline.RunBatchAsync(inputs, options, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await TaskCommandOptions.WriteJsonAsync(context, results).ConfigureAwait(false);
                return 0;
            }

            for (var n = 0; n < results.Count; n++)
            {
                await PlainOutput.WriteHeaderAsync(context.Out, inputs, n).ConfigureAwait(false);
                foreach (var label in results[n])
                {
                    await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{label.Label}\t{label.Score:0.####}")).ConfigureAwait(false);
                }
            }

            return 0;
        });
        return command;
    }
}
