using System.CommandLine;
using System.Globalization;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp token-classification</c> (alias <c>ner</c>).</summary>
internal static class EncoderTaskTokenClassificationCommand
{
    public static Command Create(CliContext context)
    {
        var (model, json, texts) = (EncoderTaskCommands.Model(), EncoderTaskCommands.Json(), EncoderTaskCommands.Texts());
        var backends = new TaskCommandOptions();
        var aggregation = new Option<AggregationStrategy>("--aggregation-strategy") { Description = "none, simple, first, average, max (default none)." };
        var ignore = EncoderTaskCommands.ListOption("--ignore-labels", "Labels to leave out (default O)");
        var stride = (new Option<int?>("--stride") { Description = "Overlap in tokens between windows of a long text." }).AtLeast(0);
        var grouped = new Option<bool?>("--grouped-entities") { Description = "Python's legacy grouped_entities: with --ignore-subwords, strategy first; alone, simple (wins over --aggregation-strategy)." };
        var subwords = new Option<bool?>("--ignore-subwords") { Description = "Python's legacy ignore_subwords: with --grouped-entities, words take their first token's label (strategy first)." };
        var command = new Command(PipelineTasks.TokenClassification, "Find named entities (or other token labels) with character offsets.")
        {
            model, backends.Backend, backends.Endpoint, backends.EndpointKind, json, aggregation, ignore, stride, grouped, subwords, texts,
        };
        command.Aliases.Add("ner");
        command.SetAction(async (parse, ct) =>
        {
            var inputs = await TaskCommandOptions.ReadInputsAsync(context, parse.GetValue(texts), ct).ConfigureAwait(false);
            using var lease = EncoderTaskCommands.Lease(context, parse, backends);
            var pipeline = await lease.Provider.GetTokenClassificationAsync(parse.GetValue(model), ct).ConfigureAwait(false);
            var options = new TokenClassificationOptions
            {
                AggregationStrategy = parse.GetValue(aggregation),
                Stride = parse.GetValue(stride),
                GroupedEntities = parse.GetValue(grouped),
                IgnoreSubwords = parse.GetValue(subwords),
            };
            if (parse.GetValue(ignore) is { Length: > 0 })
            {
                options.IgnoreLabels = EncoderTaskCommands.ListValues(parse, ignore);
            }

            var results = await pipeline.RunBatchAsync(inputs, options, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await TaskCommandOptions.WriteJsonAsync(context, results).ConfigureAwait(false);
                return 0;
            }

            for (var n = 0; n < results.Count; n++)
            {
                await PlainOutput.WriteHeaderAsync(context.Out, inputs, n).ConfigureAwait(false);
                foreach (var entity in results[n])
                {
                    await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{entity.EntityGroup ?? entity.Entity}\t{entity.Word}\t{entity.Start}-{entity.End}\t{entity.Score:0.####}")).ConfigureAwait(false);
                }
            }

            return 0;
        });
        return command;
    }
}
