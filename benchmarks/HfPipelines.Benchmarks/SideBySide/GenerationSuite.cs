using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HfPipelines.Benchmarking;
using HfPipelines.Generation;
using HfPipelines.LlamaCpp;
using LLama;
using LLama.Common;
using LLama.Native;
using Microsoft.Extensions.AI;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>
/// Greedy generation on stories260K: our llama.cpp chat client against LLamaSharp's bare decode loop and node-llama-cpp,
/// and our client constrained by a tool-call grammar against free decoding. Reports generated tokens per second.
/// </summary>
internal static class GenerationSuite
{
    private const string Prompt = "Once upon a time";
    private const int MaxTokens = 128;
    private const int GenerationsPerPass = 5;

    // On an oversubscribed machine a multi-threaded llama.cpp can drop to a few tokens/s: stop adding passes after this.
    private static readonly TimeSpan PassBudget = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(SideBySideSettings settings, Report report)
    {
        var gguf = Path.Combine(settings.FixturesDirectory, "gguf", "stories260K", "stories260K.gguf");
        foreach (var threads in new[] { 1, 2 })
        {
            using (var client = LlamaCppChatClient.Load(gguf, new LlamaCppModelOptions { Threads = threads, ContextSize = 2048 }))
            {
                report.Add(await MeasureAsync("generation", $"ours: LlamaCppChatClient, {threads} thread(s)", settings, ct => OursAsync(client, null, ct)));
                var grammar = GenerationSuiteGrammar.ToolCall();
                report.Add(await MeasureAsync("generation", $"ours, tool-call grammar, {threads} thread(s)", settings, ct => OursAsync(client, grammar, ct)));
            }

            report.Add(await MeasureAsync("generation", $"LLamaSharp bare decode loop, {threads} thread(s)", settings, BareLoop(gguf, threads)));
        }

        var node = await NodePeer.RunAsync(Path.Combine(settings.ScriptsDirectory, "node", "generate.mjs"),
            ["--model", gguf, "--prompt", Prompt, "--max-tokens", MaxTokens.ToString(CultureInfo.InvariantCulture), "--threads", "1", "--repetitions", (settings.Repetitions * GenerationsPerPass).ToString(CultureInfo.InvariantCulture)],
            TimeSpan.FromMinutes(3), report.Note);
        if (node is not null)
        {
            var passes = node["passes"]!.AsArray().Select(p => p!["tokens_per_second"]!.GetValue<double>()).ToArray();
            report.Add(new Measurement("generation", "node-llama-cpp (prebuilt, no OpenMP), 1 thread", 1, node["tokens_per_second"]!.GetValue<double>(), "tokens/s", 0, 0, passes));
            report.Note($"node-llama-cpp {node["version"]}: load {node["load_ms"]?.GetValue<double>():0} ms; at 2 threads its prebuilt binary (no OpenMP) collapses on 2 busy cores, so it is measured at 1.");
        }
        else
        {
            report.Note("node-llama-cpp did not run (install with scripts/bench/setup.sh).");
        }

    }

    private static async Task<Measurement> MeasureAsync(string suite, string side, SideBySideSettings settings, Func<CancellationToken, Task<int>> generate)
    {
        await generate(CancellationToken.None);
        var passes = new List<double>();
        var latencies = new List<double>();
        var budget = Stopwatch.StartNew();
        for (var r = 0; r < settings.Repetitions && (r == 0 || budget.Elapsed < PassBudget); r++)
        {
            var tokens = 0;
            var pass = Stopwatch.StartNew();
            for (var g = 0; g < GenerationsPerPass; g++)
            {
                var call = Stopwatch.StartNew();
                tokens += await generate(CancellationToken.None);
                latencies.Add(call.Elapsed.TotalMilliseconds);
            }

            passes.Add(tokens / pass.Elapsed.TotalSeconds);
        }

        latencies.Sort();
        var median = passes.Order().ElementAt((passes.Count - 1) / 2);
        return new Measurement(suite, side, 1, median, "tokens/s", latencies[latencies.Count / 2], latencies[(int)(0.95 * (latencies.Count - 1))], passes);
    }

    private static async Task<int> OursAsync(LlamaCppChatClient client, string? grammar, CancellationToken cancellationToken)
    {
        var options = new ChatOptions
        {
            MaxOutputTokens = MaxTokens,
            AdditionalProperties = new AdditionalPropertiesDictionary { [GenerationPropertyNames.RawPrompt] = true, [GenerationPropertyNames.DoSample] = false },
        };
        if (grammar is not null)
        {
            options.AdditionalProperties[GenerationPropertyNames.Grammar] = grammar;
        }

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, Prompt)], options, cancellationToken);
        return (int)(response.Usage?.OutputTokenCount ?? 0);
    }

    private static Func<CancellationToken, Task<int>> BareLoop(string gguf, int threads)
    {
        // The loop every llama.cpp example writes: clear memory, decode the prompt, then sample greedily and decode one token at a time.
        var parameters = new ModelParams(gguf) { ContextSize = 2048, Threads = threads, BatchSize = 512 };
        var weights = LLamaWeights.LoadFromFile(parameters);
        var context = weights.CreateContext(parameters);
        return _ =>
        {
            context.NativeHandle.MemoryClear(true);
            using var sampler = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
            sampler.AddGreedySampler();
            var batch = new LLamaBatch();
            var prompt = context.Tokenize(Prompt, true, true);
            for (var i = 0; i < prompt.Length; i++)
            {
                batch.Add(prompt[i], i, LLamaSeqId.Zero, i == prompt.Length - 1);
            }

            context.Decode(batch);
            var generated = 0;
            for (var position = prompt.Length; generated < MaxTokens; position++)
            {
                var token = sampler.Sample(context.NativeHandle, -1);
                if (token.IsEndOfGeneration(weights.Vocab))
                {
                    break;
                }

                generated++;
                batch.Clear();
                batch.Add(token, position, LLamaSeqId.Zero, true);
                context.Decode(batch);
            }

            return Task.FromResult(generated);
        };
    }
}

/// <summary>The tool-call grammar the generation suites constrain decoding with (one tool, bare JSON).</summary>
internal static class GenerationSuiteGrammar
{
    public static string ToolCall()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string","maxLength":24},"days":{"type":"integer"}},"required":["city","days"]}""");
        var tool = new ToolDefinition("get_weather", "Weather forecast for a city.", schema.RootElement.Clone());
        return GenerationConstraint.ForTools([tool], ToolCallFormat.BareJson, allowText: false).ToGbnf();
    }
}
