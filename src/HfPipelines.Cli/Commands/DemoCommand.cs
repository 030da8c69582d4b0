using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Composition;

namespace HfPipelines.Cli.Commands;

/// <summary>
/// <c>hfp demo</c>: the README's main job. Offline, on the embedded all-MiniLM-L6-v2: classifies support messages
/// zero-shot, finds the closest pairs by sentence similarity, and summarizes them extractively; then says which
/// tasks more models unlock.
/// </summary>
internal static class DemoCommand
{
    // Each message has one right label, and the embedded model gets every one right (DemoCommandTests checks it).
    private static readonly string[] Messages =
    [
        "I was charged twice for my subscription this month, please refund the second payment.",
        "The app crashes every time I open the settings page on my phone.",
        "My parcel still has not arrived, two weeks after you shipped it.",
        "After the last update the login page keeps showing an error.",
        "Thanks for the quick help yesterday, everything works now.",
        "The package came with a broken box and the courier left it in the rain.",
    ];

    private static readonly string[] Labels = ["billing", "software bug", "delivery", "thanks"];

    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };
        var model = new Option<string?>("--model", "-m") { Description = $"An embedding model (default: the embedded {PipelineProviderOptions.EmbeddedModelId})." };
        var command = new Command("demo", "Run a small offline workflow on the embedded model: zero-shot classification, similarity, extractive summary.") { json, model };
        command.SetAction(async (parse, ct) =>
        {
            var provider = context.CreatePipelineProvider();
            try
            {
                await RunAsync(context, provider, parse.GetValue(model), parse.GetValue(json), ct).ConfigureAwait(false);
                return 0;
            }
            finally
            {
                provider.Dispose();
            }
        });
        return command;
    }

    private static async Task RunAsync(CliContext context, IPipelineProvider provider, string? model, bool json, CancellationToken ct)
    {
        var output = context.Out;
        var classifier = await provider.GetZeroShotClassificationAsync(model, ct).ConfigureAwait(false);
        var classified = await classifier.RunBatchAsync(Messages, new ZeroShotClassificationOptions { CandidateLabels = Labels }, ct).ConfigureAwait(false);
        var similarity = await provider.GetSentenceSimilarityAsync(model, ct).ConfigureAwait(false);
        var closest = await similarity.RunAsync(new SentenceSimilarityInput(Messages[1], Messages), null, ct).ConfigureAwait(false);
        var summarizer = await provider.GetSummarizationAsync(model, ct).ConfigureAwait(false);
        var summary = await summarizer.RunAsync(string.Join(" ", Messages), new SummarizationOptions { MaxLength = 40 }, ct).ConfigureAwait(false);
        if (json)
        {
            var result = new
            {
                zero_shot = classified,
                similarity = new { source_sentence = Messages[1], sentences = Messages, scores = closest },
                summary,
            };
            await output.WriteLineAsync(JsonSerializer.Serialize(result)).ConfigureAwait(false);
            return;
        }

        await output.WriteLineAsync($"hfp demo: offline, on {model ?? PipelineProviderOptions.EmbeddedModelId}").ConfigureAwait(false);
        await output.WriteLineAsync($"{Environment.NewLine}zero-shot-classification (labels: {string.Join(", ", Labels)})").ConfigureAwait(false);
        foreach (var item in classified)
        {
            await output.WriteLineAsync($"  {item.Labels[0],-12} {item.Scores[0].ToString("0.00", CultureInfo.InvariantCulture)}  {item.Sequence}").ConfigureAwait(false);
        }

        var best = Enumerable.Range(0, Messages.Length).Where(i => i != 1).MaxBy(i => closest[i]);
        await output.WriteLineAsync($"{Environment.NewLine}sentence-similarity: closest to \"{Messages[1]}\"").ConfigureAwait(false);
        await output.WriteLineAsync($"  {closest[best].ToString("0.00", CultureInfo.InvariantCulture)}  {Messages[best]}").ConfigureAwait(false);
        await output.WriteLineAsync($"{Environment.NewLine}summarization (extractive, 40 words)").ConfigureAwait(false);
        await output.WriteLineAsync($"  {summary.SummaryText}").ConfigureAwait(false);
        await output.WriteLineAsync($"{Environment.NewLine}More tasks: hfp tasks. Models for them come from the Hub (hfp models pull org/name), a local folder (--model ./path), or remotely with HF_TOKEN set (--backend remote).").ConfigureAwait(false);
    }
}
