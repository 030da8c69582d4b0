using System.Diagnostics;
using System.Globalization;
using HfPipelines.Generation;
using HfPipelines.LlamaCpp;
using Microsoft.Extensions.AI;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>
/// Free against grammar-constrained greedy decoding (the tool-call grammar of <see cref="GenerationSuite"/>) at
/// 1 thread on stories260K (its top token is usually valid) and on the random-weight llama-2-tiny (32k vocabulary,
/// its top token is almost never valid). The sides alternate pass by pass in one process, which side goes first
/// rotating, so that a load spike on the shared machine hits them alike. With <c>includeBefore</c> the
/// full-vocabulary pipeline (LLamaSharp's, used before the candidate sampler) is measured too.
/// </summary>
internal static class GrammarSuite
{
    private const string Prompt = "Once upon a time";
    private const int MaxTokens = 128;
    private const int GenerationsPerPass = 3;

    public static string Side(string model, string variant) => $"ours, {model}, {variant}, 1 thread";

    public static async Task RunAsync(SideBySideSettings settings, Report report, bool includeBefore)
    {
        var models = new (string Name, string Path)[]
        {
            ("stories260K", Path.Combine(settings.FixturesDirectory, "gguf", "stories260K", "stories260K.gguf")),
            ("llama-2-tiny-random", Path.Combine(settings.FixturesDirectory, "gguf", "llama-2-tiny-random", "llama-2-tiny-random.gguf")),
        };
        var grammar = GenerationSuiteGrammar.ToolCall();
        foreach (var (name, path) in models)
        {
            using var client = LlamaCppChatClient.Load(path, new LlamaCppModelOptions { Threads = 1, ContextSize = 1024 });
            var sides = new List<(string Side, string? Grammar, GrammarSampling Mode)>
            {
                (Side(name, "free"), null, GrammarSampling.Candidates),
                (Side(name, "tool-call grammar"), grammar, GrammarSampling.Candidates),
            };
            if (includeBefore)
            {
                sides.Add((Side(name, "tool-call grammar, candidates without probes"), grammar, GrammarSampling.CandidatesWithoutProbes));
                sides.Add((Side(name, "tool-call grammar, full-vocabulary pipeline (before)"), grammar, GrammarSampling.FullVocabulary));
            }

            await MeasureInterleavedAsync(client, sides, settings.Repetitions * 3, report);
        }
    }

    private static async Task MeasureInterleavedAsync(LlamaCppChatClient client, List<(string Side, string? Grammar, GrammarSampling Mode)> sides, int passes, Report report)
    {
        var results = sides.Select(_ => (Passes: new List<double>(), Latencies: new List<double>(), Stats: new List<GrammarSamplerStats>())).ToArray();
        foreach (var side in sides)
        {
            await GenerateAsync(client, side.Grammar, side.Mode);
        }

        for (var pass = 0; pass < passes; pass++)
        {
            for (var k = 0; k < sides.Count; k++)
            {
                var s = (pass + k) % sides.Count;
                var tokens = 0;
                var clock = Stopwatch.StartNew();
                for (var g = 0; g < GenerationsPerPass; g++)
                {
                    var call = Stopwatch.StartNew();
                    tokens += await GenerateAsync(client, sides[s].Grammar, sides[s].Mode);
                    results[s].Latencies.Add(call.Elapsed.TotalMilliseconds);
                    if (client.LastGrammarStats is { } stats)
                    {
                        results[s].Stats.Add(stats);
                    }
                }

                results[s].Passes.Add(tokens / clock.Elapsed.TotalSeconds);
            }
        }

        for (var s = 0; s < sides.Count; s++)
        {
            var (passList, latencies, stats) = results[s];
            latencies.Sort();
            var median = passList.Order().ElementAt((passList.Count - 1) / 2);
            report.Add(new Measurement("generation", sides[s].Side, 1, median, "tokens/s", latencies[latencies.Count / 2], latencies[(int)(0.95 * (latencies.Count - 1))], passList));
            if (stats.Count > 0)
            {
                report.Note(Describe(sides[s].Side, stats));
            }
        }
    }

    private static string Describe(string side, List<GrammarSamplerStats> stats)
    {
        double tokens = stats.Sum(s => s.Tokens);
        var sampleUs = stats.Sum(s => s.SampleTicks) * 1e6 / Stopwatch.Frequency / tokens;
        var grammarUs = stats.Sum(s => s.GrammarTicks) * 1e6 / Stopwatch.Frequency / tokens;
        return string.Create(CultureInfo.InvariantCulture,
            $"{side}: per token {stats.Sum(s => s.GrammarChecks) / tokens:0} grammar checks, sampling {sampleUs:0.0} us of which grammar {grammarUs:0.0} us; " +
            $"free choice valid {stats.Sum(s => s.FirstChoice) / tokens:P0}, found in bands {stats.Sum(s => s.Banded) / tokens:P0}, whole vocabulary {stats.Sum(s => s.FullVocabulary) / tokens:P0}.");
    }

    private static async Task<int> GenerateAsync(LlamaCppChatClient client, string? grammar, GrammarSampling mode)
    {
        client.GrammarSampling = mode;
        var options = new ChatOptions
        {
            MaxOutputTokens = MaxTokens,
            AdditionalProperties = new AdditionalPropertiesDictionary { [GenerationPropertyNames.RawPrompt] = true, [GenerationPropertyNames.DoSample] = false },
        };
        if (grammar is not null)
        {
            options.AdditionalProperties[GenerationPropertyNames.Grammar] = grammar;
        }

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, Prompt)], options);
        return (int)(response.Usage?.OutputTokenCount ?? 0);
    }
}
