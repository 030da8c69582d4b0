using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using HfPipelines.Benchmarking;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Composition;

namespace HfPipelines.Cli.Commands;

/// <summary>
/// <c>hfp bench TASK --model REF --input-file FILE</c>: runs a task over the lines of a file (texts, or image/audio
/// paths; <c>question TAB context</c> for question-answering) after a warm-up, and prints items, seconds, items/s,
/// p50/p95 latency and peak memory.
/// </summary>
internal static class BenchCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static Command Create(CliContext context)
    {
        var task = new Argument<string>("task") { Description = "The task, e.g. feature-extraction, text-classification, image-classification, asr." };
        var model = new Option<string?>("--model", "-m") { Description = "Model reference (Hub id, local folder or file); the task's default when left out." };
        var input = new Option<string>("--input-file") { Description = "One input per line: a text, an image or audio path, or question<TAB>context.", Required = true };
        var batch = new Option<int>("--batch-size") { Description = "Inputs per call.", DefaultValueFactory = _ => 1 };
        var concurrency = new Option<int>("--concurrency") { Description = "Callers running at the same time.", DefaultValueFactory = _ => 1 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed calls made first.", DefaultValueFactory = _ => 1 };
        var repetitions = new Option<int>("--repetitions") { Description = "Timed passes over the file; the median pass is reported.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print the figures as one JSON object." };
        var command = new Command("bench", "Measure a pipeline task's throughput and latency over the lines of a file.") { task, model, input, batch, concurrency, warmup, repetitions, json };
        command.SetAction(async (parse, ct) =>
        {
            var info = context.Tasks.Resolve(parse.GetValue(task)!);
            var lines = await ReadLinesAsync(parse.GetValue(input)!, ct).ConfigureAwait(false);
            var options = Options(parse.GetValue(batch), parse.GetValue(concurrency), parse.GetValue(warmup), parse.GetValue(repetitions));
            var provider = context.CreatePipelineProvider();
            try
            {
                var result = await BenchTaskBinder.RunAsync(provider, info, parse.GetValue(model), lines, options, ct).ConfigureAwait(false);
                // The report names the model that ran: the one given, else the task's default (issue 20: --json said null).
                var used = parse.GetValue(model) ?? (new PipelineProviderOptions().DefaultModels.TryGetValue(info.Name, out var byDefault) ? byDefault : info.DefaultModel);
                await WriteAsync(context.Out, new BenchReport(info.Name, used, options, result), parse.GetValue(json)).ConfigureAwait(false);
            }
            finally
            {
                provider.Dispose();
            }

            return 0;
        });
        return command;
    }

    private static BenchmarkOptions Options(int batchSize, int concurrency, int warmup, int repetitions)
    {
        try
        {
            return new BenchmarkOptions { BatchSize = batchSize, Concurrency = concurrency, WarmupCalls = warmup, Repetitions = repetitions };
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new HfPipelinesException($"Invalid bench option: {ex.Message.Split(Environment.NewLine)[0]}", ex);
        }
    }

    private static async Task<string[]> ReadLinesAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new HfPipelinesException($"Input file '{path}' does not exist. Give a text file with one input per line.");
        }

        var lines = (await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false)).Where(l => !string.IsNullOrWhiteSpace(l)).ToArray();
        return lines.Length > 0 ? lines : throw new HfPipelinesException($"Input file '{path}' has no non-empty lines. Put one input per line.");
    }

    private static async Task WriteAsync(TextWriter output, BenchReport report, bool json)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(report, Json)).ConfigureAwait(false);
            return;
        }

        var r = report.Result;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{report.Task} ({report.Model ?? "default model"}): batch size {report.BatchSize}, concurrency {report.Concurrency}, warm-up {report.Warmup} call(s)")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"items {r.Items}  calls {r.Calls}  seconds {r.Seconds:0.000}  items/s {r.ItemsPerSecond:0.0}  p50 {r.P50Milliseconds:0.00} ms  p95 {r.P95Milliseconds:0.00} ms  peak memory {r.PeakWorkingSetBytes / 1048576.0:0.0} MiB")).ConfigureAwait(false);
    }

    /// <summary>The JSON shape of <c>hfp bench --json</c>.</summary>
    private sealed record BenchReport(
        [property: JsonPropertyName("task")] string Task,
        [property: JsonPropertyName("model")] string? Model,
        [property: JsonIgnore] BenchmarkOptions Options,
        [property: JsonIgnore] BenchmarkResult Result)
    {
        [JsonPropertyName("batch_size")]
        public int BatchSize => Options.BatchSize;

        [JsonPropertyName("concurrency")]
        public int Concurrency => Options.Concurrency;

        [JsonPropertyName("warmup")]
        public int Warmup => Options.WarmupCalls;

        [JsonPropertyName("items")]
        public int Items => Result.Items;

        [JsonPropertyName("calls")]
        public int Calls => Result.Calls;

        [JsonPropertyName("seconds")]
        public double Seconds => Result.Seconds;

        [JsonPropertyName("items_per_second")]
        public double ItemsPerSecond => Result.ItemsPerSecond;

        [JsonPropertyName("p50_ms")]
        public double P50Milliseconds => Result.P50Milliseconds;

        [JsonPropertyName("p95_ms")]
        public double P95Milliseconds => Result.P95Milliseconds;

        [JsonPropertyName("peak_memory_bytes")]
        public long PeakMemoryBytes => Result.PeakWorkingSetBytes;

        [JsonPropertyName("managed_heap_bytes")]
        public long ManagedHeapBytes => Result.ManagedHeapBytes;
    }
}
