using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp image-classification</c>: classifies images with a local ONNX model.</summary>
internal static class ImageClassificationCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model", "-m") { Description = "Model: org/name, a folder (model.onnx + config.json + preprocessor_config.json) or an .onnx file.", Required = true };
        var backends = new TaskCommandOptions();
        var topK = TopKOption.Create("labels per image", 5);
        var labels = new Option<string?>("--labels") { Description = "A labels file (JSON array or one label per line) when the model has no id2label." };
        var json = new Option<bool>("--json") { Description = "Print JSON like Python: [{\"label\", \"score\"}] (a list per image for several images)." };
        var images = new Argument<string[]>("images") { Description = "Image files (PNG, JPEG, WebP, BMP, GIF).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("image-classification", "Classify images with a local ONNX image classifier.") { model, backends.Backend, backends.Endpoint, backends.EndpointKind, topK, labels, json, images };
        command.SetAction(async (parse, ct) =>
        {
            var files = parse.GetValue(images)!;
            using var lease = EncoderTaskCommands.Lease(context, parse, backends);

            // A labels file applies to a local model only; otherwise the provider (local or remote) serves it.
            using var local = parse.GetValue(labels) is { } labelsPath
                ? ImageClassificationPipeline.Create(parse.GetValue(model)!, new ImageClassificationPipelineOptions { LabelsPath = labelsPath })
                : null;
            var pipeline = local ?? await lease.Provider.GetImageClassificationAsync(parse.GetValue(model), ct).ConfigureAwait(false);
            var options = new ImageClassificationOptions { TopK = TopKOption.Limit(parse.GetValue(topK)) };
            var results = await pipeline.RunBatchAsync(files.Select(ImageInput.FromFile).ToArray(), options, ct).ConfigureAwait(false);
            await WriteAsync(context.Out, files, results, parse.GetValue(json)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, string[] files, IReadOnlyList<IReadOnlyList<ClassificationLabel>> results, bool json)
    {
        if (json)
        {
            var text = results.Count == 1 ? JsonSerializer.Serialize(results[0]) : JsonSerializer.Serialize(results);
            await output.WriteLineAsync(text).ConfigureAwait(false);
            return;
        }

        for (var i = 0; i < files.Length; i++)
        {
            if (files.Length > 1)
            {
                await output.WriteLineAsync(files[i]).ConfigureAwait(false);
            }

            foreach (var label in results[i])
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{label.Score:F4}  {label.Label}")).ConfigureAwait(false);
            }
        }
    }
}
