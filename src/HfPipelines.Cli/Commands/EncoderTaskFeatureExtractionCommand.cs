using System.CommandLine;
using System.Text.Json;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp feature-extraction</c> (alias <c>embeddings</c>): one vector per text (JSON array of arrays).</summary>
internal static class EncoderTaskFeatureExtractionCommand
{
    public static Command Create(CliContext context)
    {
        var (model, json, texts) = (EncoderTaskCommands.Model(), EncoderTaskCommands.Json(), EncoderTaskCommands.Texts());
        var backends = new TaskCommandOptions();
        var pooling = new Option<PoolingMode>("--pooling") { Description = "default (from the model), mean, cls, none." };
        var normalize = new Option<bool?>("--normalize") { Description = "L2-normalise (default: from the model)." };
        var command = new Command(PipelineTasks.FeatureExtraction, "Embed texts as vectors.") { model, backends.Backend, backends.Endpoint, backends.EndpointKind, json, pooling, normalize, texts };
        command.Aliases.Add("embeddings");
        command.SetAction(async (parse, ct) =>
        {
            var inputs = await TaskCommandOptions.ReadInputsAsync(context, parse.GetValue(texts), ct).ConfigureAwait(false);
            using var lease = EncoderTaskCommands.Lease(context, parse, backends);
            var pipeline = await lease.Provider.GetFeatureExtractionAsync(parse.GetValue(model), ct).ConfigureAwait(false);
            var options = new FeatureExtractionOptions { Pooling = parse.GetValue(pooling), Normalize = parse.GetValue(normalize) };
            var results = await pipeline.RunBatchAsync(inputs, options, ct).ConfigureAwait(false);
            var vectors = results.Select(r => r.Vectors.Count == 1 ? (object)r.Vector : r.Vectors).ToArray();
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(vectors.Length == 1 && !parse.GetValue(json) ? vectors[0] : vectors)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
