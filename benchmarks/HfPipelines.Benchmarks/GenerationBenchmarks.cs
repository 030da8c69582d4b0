using BenchmarkDotNet.Attributes;
using HfPipelines.Generation;
using HfPipelines.LlamaCpp;
using LLama;
using LLama.Common;
using LLama.Sampling;
using Microsoft.Extensions.AI;

namespace HfPipelines.Benchmarks;

/// <summary>
/// Tokens per second on stories260K (greedy, 1 thread: steadier on a shared machine): our <see cref="LlamaCppChatClient"/> against
/// LLamaSharp's own <see cref="StatelessExecutor"/> loop, and grammar-constrained tool calls against free
/// decoding. Each method returns the tokens it generated; <see cref="GlobalSetup"/> prints them so that
/// time per op converts to tokens/s. Needs the fixtures (HFP_FIXTURES or ../shared/fixtures).
/// Run: dotnet run -c Release --project benchmarks/HfPipelines.Benchmarks -- --filter *GenerationBenchmarks* (in process)
/// </summary>
[MemoryDiagnoser]
[InProcess]
[WarmupCount(2)]
[IterationCount(12)]
[InvocationCount(4)]
public class GenerationBenchmarks
{
    private const int MaxTokens = 64;
    private const string Prompt = "Once upon a time";
    private LlamaCppChatClient _client = null!;
    private StatelessExecutor _executor = null!;
    private ModelParams _params = null!;
    private string _toolGrammar = null!;

    [GlobalSetup]
    public async Task GlobalSetup()
    {
        var path = FixturePath("gguf/stories260K/stories260K.gguf");
        _client = LlamaCppChatClient.Load(path, new LlamaCppModelOptions { ContextSize = 512, Threads = 1 });
        _params = new ModelParams(path) { ContextSize = 512, Threads = 1, BatchThreads = 1 };
        _executor = new StatelessExecutor(_client.Model.Weights, _params);
        var weather = AIFunctionFactory.Create((string city, int days) => city, "get_weather");
        _toolGrammar = GenerationConstraint.ForTools([new ToolDefinition(weather.Name, weather.Description, weather.JsonSchema)], ToolCallFormat.Hermes, false).ToGbnf();
        Console.WriteLine($"// tokens: client={await ClientFree()} executor={await ExecutorFree()} constrained={await ClientConstrained()}");
    }

    [Benchmark(Baseline = true, Description = "LLamaSharp StatelessExecutor, greedy")]
    public async Task<int> ExecutorFree()
    {
        var count = 0;
        var inference = new InferenceParams { MaxTokens = MaxTokens, SamplingPipeline = new GreedySamplingPipeline() };
        await foreach (var piece in _executor.InferAsync(Prompt, inference))
        {
            count++;
        }

        return count;
    }

    [Benchmark(Description = "LlamaCppChatClient, greedy, free")]
    public Task<int> ClientFree() => Run(null);

    [Benchmark(Description = "LlamaCppChatClient, greedy, tool-call grammar")]
    public Task<int> ClientConstrained() => Run(_toolGrammar);

    private async Task<int> Run(string? grammar)
    {
        var options = new ChatOptions { MaxOutputTokens = MaxTokens, AdditionalProperties = new() { [GenerationPropertyNames.RawPrompt] = true } };
        if (grammar is not null)
        {
            options.AdditionalProperties[GenerationPropertyNames.Grammar] = grammar;
        }

        var response = await _client.GetResponseAsync(Prompt, options);
        return (int)(response.Usage?.OutputTokenCount ?? 0);
    }

    [GlobalCleanup]
    public void GlobalCleanup() => _client.Dispose();

    private static string FixturePath(string relative)
    {
        var root = Environment.GetEnvironmentVariable("HFP_FIXTURES");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); root is null && dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
            root = Directory.Exists(candidate) ? candidate : null;
        }

        return Path.Combine(root ?? throw new InvalidOperationException("Fixtures not found: set HFP_FIXTURES."), relative);
    }
}
