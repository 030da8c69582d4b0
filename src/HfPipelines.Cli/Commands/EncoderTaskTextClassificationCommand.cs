using System.CommandLine;
using System.Globalization;
using HfPipelines.Onnx;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp text-classification</c> (alias <c>sentiment-analysis</c>).</summary>
internal static class EncoderTaskTextClassificationCommand
{
    public static Command Create(CliContext context)
    {
        var (model, threads, json, texts) = (EncoderTaskCommands.Model(), EncoderTaskCommands.Threads(), EncoderTaskCommands.Json(), EncoderTaskCommands.Texts());
        var topK = new Option<int?>("--top-k") { Description = "How many labels, best first (default 1; 0 for all)." };
        var function = new Option<ClassificationFunction>("--function-to-apply") { Description = "softmax, sigmoid, none (default: from the model config)." };
        var pair = new Option<string?>("--text-pair") { Description = "A second text, classified with the first as a pair." };
        var command = new Command(PipelineTasks.TextClassification, "Classify texts with a sequence-classification model.") { model, threads, json, topK, function, pair, texts };
        command.Aliases.Add("sentiment-analysis");
        command.SetAction(async (parse, ct) =>
        {
            var inputs = await EncoderTaskCommands.ReadTextsAsync(parse, texts, ct).ConfigureAwait(false);
            using var pipeline = OnnxPipelines.CreateTextClassification(parse.GetValue(model)!, EncoderTaskCommands.Options(parse, threads));
            var options = new TextClassificationOptions { TopK = parse.GetValue(topK), FunctionToApply = parse.GetValue(function), TextPair = parse.GetValue(pair) };
            var results = await pipeline.RunBatchAsync(inputs, options, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await EncoderTaskCommands.WriteJsonAsync(context, results).ConfigureAwait(false);
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
