using System.CommandLine;
using System.Text.Json;
using HfPipelines.Hub;
using Spectre.Console;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp models pull REF</c>: fetches a model into the cache, with a progress bar on a terminal.</summary>
internal static class ModelsPullCommand
{
    public static Command Create(CliContext context, ModelsOptions shared)
    {
        var reference = new Argument<string>("reference") { Description = "org/name, org/name@revision or org/name:path/in/repo." };
        var dtype = new Option<string?>("--dtype") { Description = "ONNX variant: fp32, fp16, q8, int8, uint8, q4, q4f16, bnb4." };
        var quantization = new Option<string?>("--quantization") { Description = "GGUF quantization, e.g. Q4_K_M." };
        var include = new Option<string[]>("--include") { Description = "Only files matching these globs.", AllowMultipleArgumentsPerToken = true };
        var revision = new Option<string?>("--revision") { Description = "Branch, tag or commit (default main)." };
        var command = new Command("pull", "Download a model from the Hub into the cache.") { reference, dtype, quantization, include, revision, shared.AsJson };
        command.SetAction(async (parse, ct) =>
        {
            var bars = IsTerminal(context) && !parse.GetValue(shared.AsJson);
            using var store = shared.CreateStore(parse, quiet: bars);
            var options = new ModelResolveOptions
            {
                Dtype = parse.GetValue(dtype),
                Quantization = parse.GetValue(quantization),
                AllowPatterns = parse.GetValue(include) is { Length: > 0 } globs ? globs : null,
                Revision = parse.GetValue(revision),
            };
            var name = parse.GetValue(reference)!;
            var model = bars
                ? await PullWithBarsAsync(store, name, options, ct).ConfigureAwait(false)
                : await store.PullAsync(name, options, null, ct).ConfigureAwait(false);
            if (parse.GetValue(shared.AsJson))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(ModelsOptions.ToJson(model), ModelsOptions.Json)).ConfigureAwait(false);
                return 0;
            }

            await context.Out.WriteLineAsync($"Pulled {model.Reference} ({model.Commit}): {model.Files.Count} files in {model.Path}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static bool IsTerminal(CliContext context) => ReferenceEquals(context.Out, Console.Out) && !Console.IsOutputRedirected;

    private static async Task<ResolvedModel> PullWithBarsAsync(ModelStore store, string reference, ModelResolveOptions options, CancellationToken cancellationToken)
    {
        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async progressContext =>
            {
                var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var progress = new SyncProgress(p =>
                {
                    lock (bars)
                    {
                        if (!bars.TryGetValue(p.FilePath, out var bar))
                        {
                            bar = progressContext.AddTask(Markup.Escape(p.FilePath), maxValue: Math.Max(1, p.TotalBytes ?? 1));
                            bars[p.FilePath] = bar;
                        }

                        bar.Value = p.BytesDownloaded;
                    }
                });
                return await store.PullAsync(reference, options, progress, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    /// <summary>Runs the callback on the reporting thread (Progress&lt;T&gt; would post to a context).</summary>
    private sealed class SyncProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }
}
