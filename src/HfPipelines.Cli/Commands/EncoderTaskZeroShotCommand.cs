using System.CommandLine;
using System.Globalization;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp zero-shot-classification</c>.</summary>
internal static class EncoderTaskZeroShotCommand
{
    public static Command Create(CliContext context)
    {
        var (model, json, texts) = (EncoderTaskCommands.Model(), EncoderTaskCommands.Json(), EncoderTaskCommands.Texts());
        var backends = new TaskCommandOptions();
        var labels = EncoderTaskCommands.ListOption("--candidate-labels", "Labels", required: true);
        var multi = new Option<bool>("--multi-label") { Description = "Score each label on its own." };
        var template = new Option<string?>("--hypothesis-template") { Description = $"Hypothesis with {{}} for the label (default: '{ZeroShotClassificationOptions.NliHypothesisTemplate}' for an NLI model, '{ZeroShotClassificationOptions.EmbeddingHypothesisTemplate}' for an embedding model)." };
        template.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !value.Contains("{}", StringComparison.Ordinal))
            {
                result.AddError($"--hypothesis-template '{value}' has no '{{}}' where the label goes; use e.g. 'About {{}}.'.");
            }
        });
        var command = new Command(PipelineTasks.ZeroShotClassification, "Classify texts into labels given at call time (NLI or embedding model).") { model, backends.Backend, backends.Endpoint, backends.EndpointKind, json, labels, multi, template, texts };
        command.SetAction(async (parse, ct) =>
        {
            var inputs = await TaskCommandOptions.ReadInputsAsync(context, parse.GetValue(texts), ct).ConfigureAwait(false);
            using var lease = EncoderTaskCommands.Lease(context, parse, backends);
            var pipeline = await lease.Provider.GetZeroShotClassificationAsync(parse.GetValue(model), ct).ConfigureAwait(false);
            var options = new ZeroShotClassificationOptions
            {
                CandidateLabels = EncoderTaskCommands.ListValues(parse, labels),
                MultiLabel = parse.GetValue(multi),
                HypothesisTemplate = parse.GetValue(template),
            };
            var results = await pipeline.RunBatchAsync(inputs, options, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await TaskCommandOptions.WriteJsonAsync(context, results).ConfigureAwait(false);
                return 0;
            }

            for (var n = 0; n < results.Count; n++)
            {
                var result = results[n];
                await PlainOutput.WriteHeaderAsync(context.Out, inputs, n).ConfigureAwait(false);
                for (var i = 0; i < result.Labels.Count; i++)
                {
                    await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{result.Labels[i]}\t{result.Scores[i]:0.####}")).ConfigureAwait(false);
                }
            }

            return 0;
        });
        return command;
    }
}
