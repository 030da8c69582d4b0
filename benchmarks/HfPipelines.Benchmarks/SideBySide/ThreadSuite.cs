using System.Diagnostics;
using HfPipelines.Generation;
using HfPipelines.LlamaCpp;
using Microsoft.Extensions.AI;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>
/// llama.cpp's thread count (issue 22): 1 against 2 threads on stories260K and the random llama-2-tiny, for greedy
/// generation (128 new tokens) and for a prompt of six sentences (about 250 tokens on stories260K) decoded from empty (prompt cache off). The two
/// sides alternate pass by pass, which one goes first rotating, so that a load spike hits both alike.
/// </summary>
internal static class ThreadSuite
{
    public const string Suite = "threads";
    private const int MaxTokens = 128;
    private const int CallsPerPass = 3;

    public static string Side(string model, string what, int threads) => $"{model}, {what}, {threads} thread(s)";

    public static async Task RunAsync(SideBySideSettings settings, Report report)
    {
        var prompt = string.Join(" ", BenchData.Sentences(6));
        foreach (var name in AgentSuite.Models)
        {
            var path = Path.Combine(settings.FixturesDirectory, "gguf", name, name + ".gguf");
            using var one = LlamaCppChatClient.Load(path, new LlamaCppModelOptions { Threads = 1, ContextSize = 2048, CachePrompt = false });
            using var two = LlamaCppChatClient.Load(path, new LlamaCppModelOptions { Threads = 2, ContextSize = 2048, CachePrompt = false });
            LlamaCppChatClient[] clients = [one, two];
            await MeasureAsync(report, clients, settings.Repetitions * 3, name, "generation", c => GenerateAsync(c, "Once upon a time", MaxTokens, output: true));
            await MeasureAsync(report, clients, settings.Repetitions * 3, name, "prompt", c => GenerateAsync(c, prompt, 1, output: false));
        }
    }

    private static async Task MeasureAsync(Report report, LlamaCppChatClient[] clients, int passes, string model, string what, Func<LlamaCppChatClient, Task<int>> run)
    {
        var results = clients.Select(_ => (Passes: new List<double>(), Latencies: new List<double>())).ToArray();
        foreach (var client in clients)
        {
            await run(client);
        }

        for (var pass = 0; pass < passes; pass++)
        {
            for (var k = 0; k < clients.Length; k++)
            {
                var s = (pass + k) % clients.Length;
                var tokens = 0;
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < CallsPerPass; i++)
                {
                    var call = Stopwatch.StartNew();
                    tokens += await run(clients[s]);
                    results[s].Latencies.Add(call.Elapsed.TotalMilliseconds);
                }

                results[s].Passes.Add(tokens / clock.Elapsed.TotalSeconds);
            }
        }

        for (var s = 0; s < clients.Length; s++)
        {
            var (list, latencies) = results[s];
            latencies.Sort();
            var median = list.Order().ElementAt((list.Count - 1) / 2);
            report.Add(new Measurement(Suite, Side(model, what, s + 1), 1, median, "tokens/s", latencies[latencies.Count / 2], latencies[(int)(0.95 * (latencies.Count - 1))], list));
        }
    }

    private static async Task<int> GenerateAsync(LlamaCppChatClient client, string prompt, int maxTokens, bool output)
    {
        var options = new ChatOptions
        {
            MaxOutputTokens = maxTokens,
            AdditionalProperties = new AdditionalPropertiesDictionary { [GenerationPropertyNames.RawPrompt] = true, [GenerationPropertyNames.DoSample] = false },
        };
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options);
        return (int)((output ? response.Usage?.OutputTokenCount : response.Usage?.InputTokenCount) ?? 0);
    }
}
