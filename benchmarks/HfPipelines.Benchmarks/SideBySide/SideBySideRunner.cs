using System.Text.Json;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>Runs the chosen suites in one process, prints the table and writes the markdown, JSON and chart.</summary>
internal static class SideBySideRunner
{
    public const string Command = "scripts/bench/setup.sh && dotnet run -c Release --project benchmarks/HfPipelines.Benchmarks -- side-by-side --markdown docs/performance-results.md --chart docs/performance-embeddings.png";

    public static async Task<int> RunAsync(SideBySideSettings settings)
    {
        var work = Path.Combine(Path.GetTempPath(), "hfp-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        try
        {
            var report = new Report();
            var folder = await BenchData.MiniLmFolderAsync(work, settings.FixturesDirectory);
            var sentences = BenchData.Sentences();
            var sentencesFile = Path.Combine(work, "sentences.txt");
            await File.WriteAllLinesAsync(sentencesFile, sentences);
            report.Notes.Add($"Embedding input: {sentences.Count} generated sentences of {sentences.Min(s => s.Length)}-{sentences.Max(s => s.Length)} characters (fixed seed).");
            if (settings.Suites.Contains("load"))
            {
                Console.WriteLine("load:");
                LoadSuite.Run(settings, folder, report);
            }

            for (var round = 1; round <= settings.Rounds; round++)
            {
                Console.WriteLine($"round {round} of {settings.Rounds}");
                report.Round = round;
                await RunSuitesAsync(settings, folder, sentencesFile, sentences, report);
            }

            GoalEvaluator.Evaluate(report);
            var markdown = report.ToMarkdown(Command);
            Console.WriteLine();
            Console.WriteLine(markdown);
            await WriteOutputsAsync(settings, report, markdown);
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task RunSuitesAsync(SideBySideSettings settings, string folder, string sentencesFile, IReadOnlyList<string> sentences, Report report)
    {
        if (settings.Suites.Contains("tokenizer"))
        {
            Console.WriteLine("tokenizer:");
            await TokenizerSuite.RunAsync(settings, folder, sentencesFile, sentences, report);
        }

        if (settings.Suites.Contains("embeddings"))
        {
            Console.WriteLine("embeddings:");
            await EmbeddingSuite.RunAsync(settings, folder, sentencesFile, sentences, report);
        }

        if (settings.Suites.Contains("small-input"))
        {
            Console.WriteLine("small-input (batch 1: session options, IOBinding, threads by length, transformers.js):");
            await SmallInputSuite.RunAsync(settings, folder, sentencesFile, sentences, report);
        }

        if (settings.Suites.Contains("concurrency"))
        {
            Console.WriteLine("concurrency:");
            await EmbeddingSuite.RunConcurrencyAsync(settings, folder, sentences, report);
        }

        if (settings.Suites.Contains("images"))
        {
            Console.WriteLine("images:");
            await ImageSuite.RunAsync(settings, report);
        }

        if (settings.Suites.Contains("speech"))
        {
            Console.WriteLine("speech:");
            await SpeechSuite.RunAsync(settings, report);
        }

        if (settings.Suites.Contains("generation"))
        {
            Console.WriteLine("generation:");
            await GenerationSuite.RunAsync(settings, report);
            await GrammarSuite.RunAsync(settings, report, includeBefore: false);
        }

        if (settings.Suites.Contains("agent"))
        {
            Console.WriteLine("agent (6-turn chat and 3-round tool loop, prompt cache on and off):");
            await AgentSuite.RunAsync(settings, report);
        }

        if (settings.Suites.Contains("threads"))
        {
            Console.WriteLine("threads (llama.cpp at 1 and 2 threads, interleaved):");
            await ThreadSuite.RunAsync(settings, report);
        }

        if (settings.Suites.Contains("grammar"))
        {
            Console.WriteLine("grammar (free, constrained, and the full-vocabulary pipeline before):");
            await GrammarSuite.RunAsync(settings, report, includeBefore: true);
        }
    }

    private static async Task WriteOutputsAsync(SideBySideSettings settings, Report report, string markdown)
    {
        if (settings.MarkdownPath is { } md)
        {
            await File.WriteAllTextAsync(md, markdown);
        }

        if (settings.JsonPath is { } json)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { report.Measurements, report.Goals, report.Loads, report.Notes }, new JsonSerializerOptions { WriteIndented = true }));
        }

        if (settings.ChartPath is { } chart)
        {
            ThroughputChart.Write(chart, report.Measurements.Where(m => m.Suite == "embeddings").ToList(), "all-MiniLM-L6-v2 sentence embeddings: throughput against batch size");
        }
    }
}
