using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp fill-mask</c>.</summary>
internal static class EncoderTaskFillMaskCommand
{
    public static Command Create(CliContext context)
    {
        var (model, json, texts) = (EncoderTaskCommands.Model(), EncoderTaskCommands.Json(), EncoderTaskCommands.Texts());
        var backends = new TaskCommandOptions();
        var topK = TopKOption.Create("predictions per mask", 5);
        var targets = EncoderTaskCommands.ListOption("--targets", "Words to score instead of the whole vocabulary (a JSON array keeps spaces: [\" Paris\"])");
        var command = new Command(PipelineTasks.FillMask, "Predict the masked token(s) in a text.") { model, backends.Backend, backends.Endpoint, backends.EndpointKind, json, topK, targets, texts };
        command.SetAction(async (parse, ct) =>
        {
            var inputs = await TaskCommandOptions.ReadInputsAsync(context, parse.GetValue(texts), ct).ConfigureAwait(false);
            using var lease = EncoderTaskCommands.Lease(context, parse, backends);
            var pipeline = await lease.Provider.GetFillMaskAsync(parse.GetValue(model), ct).ConfigureAwait(false);
            var options = new FillMaskOptions { TopK = TopKOption.Limit(parse.GetValue(topK)), Targets = EncoderTaskCommands.ListValues(parse, targets) is { Length: > 0 } t ? t : null };
            var results = await pipeline.RunBatchAsync(inputs, options, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                // Python: one list of predictions for a single mask, one list per mask otherwise.
                var shaped = results.Select(r => r.Count == 1 ? (object)r[0] : r).ToArray();
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(shaped.Length == 1 ? shaped[0] : shaped)).ConfigureAwait(false);
                return 0;
            }

            for (var n = 0; n < results.Count; n++)
            {
                await PlainOutput.WriteHeaderAsync(context.Out, inputs, n).ConfigureAwait(false);
                foreach (var prediction in results[n].SelectMany(m => m))
                {
                    await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{prediction.TokenStr}\t{prediction.Score:0.####}\t{prediction.Sequence}")).ConfigureAwait(false);
                }
            }

            return 0;
        });
        return command;
    }
}
